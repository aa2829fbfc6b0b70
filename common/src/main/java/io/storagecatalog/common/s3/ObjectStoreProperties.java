package io.storagecatalog.common.s3;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the object store (MinIO or any S3 API) is.
 *
 * @param endpoint  its URL, e.g. {@code http://localhost:9000}
 * @param accessKey the access key (no default: the processes that use the store refuse to start without it)
 * @param secretKey the secret key (no default)
 * @param region    the region (MinIO ignores it)
 */
@ConfigurationProperties("storage-catalog.s3")
public record ObjectStoreProperties(
        @DefaultValue("http://localhost:9000") String endpoint,
        String accessKey,
        String secretKey,
        @DefaultValue("us-east-1") String region) {}
