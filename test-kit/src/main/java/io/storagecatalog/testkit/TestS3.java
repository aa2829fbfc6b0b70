package io.storagecatalog.testkit;

import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import java.io.ByteArrayInputStream;

/** A real S3 API server for tests. */
public interface TestS3 {

    String endpoint();

    String accessKey();

    String secretKey();

    default MinioClient client() {
        return MinioClient.builder()
                .endpoint(endpoint())
                .credentials(accessKey(), secretKey())
                .build();
    }

    /**
     * Creates an object, the quickest way the server allows: a PUT through the API here, while a
     * server in this JVM writes it straight into its store. For preparing large buckets; what a test
     * exercises goes through the API.
     */
    default void preload(MinioClient client, String bucket, String key, byte[] content) {
        try {
            client.putObject(PutObjectArgs.builder().bucket(bucket).object(key).stream(
                            new ByteArrayInputStream(content), content.length, -1)
                    .build());
        } catch (Exception e) {
            throw new IllegalStateException("could not put " + bucket + "/" + key, e);
        }
    }
}
