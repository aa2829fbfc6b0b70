package io.storagecatalog.testkit;

/** An S3 API server the environment provides (for example MinIO). */
record ExternalTestS3(String endpoint, String accessKey, String secretKey) implements TestS3 {}
