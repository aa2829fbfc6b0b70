package io.storagecatalog.common.testing;

import io.storagecatalog.common.s3.ObjectStore;
import io.storagecatalog.common.s3.ObjectStoreProperties;
import io.storagecatalog.testkit.TestS3;

/** The catalog's object store on a test S3 API server, configured as an application configures it. */
public final class TestObjectStores {

    private TestObjectStores() {}

    public static ObjectStore of(TestS3 s3) {
        return new ObjectStore(new ObjectStoreProperties(s3.endpoint(), s3.accessKey(), s3.secretKey(), "us-east-1"));
    }
}
