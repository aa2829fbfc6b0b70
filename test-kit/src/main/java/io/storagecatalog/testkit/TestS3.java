package io.storagecatalog.testkit;

import io.minio.MinioClient;

/** A real S3 API server for tests. */
public interface TestS3 {

    String endpoint();

    String accessKey();

    String secretKey();

    default MinioClient client() {
        return MinioClient.builder().endpoint(endpoint()).credentials(accessKey(), secretKey()).build();
    }
}
