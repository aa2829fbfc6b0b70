package io.storagecatalog.testkit;

import io.minio.MinioClient;
import java.net.URI;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * S3Proxy in this JVM over jclouds' transient (in-memory) blob store: the real S3 REST API. The
 * store keeps a sorted index of each bucket ({@link IndexedBlobStore}), so that a listing page costs
 * a page, as on MinIO, and not a sort of the whole bucket. The benchmark starts one of its own to fill
 * its store directly ({@link #putDirectly}), far faster than PUTs through the API.
 */
public final class EmbeddedTestS3 implements TestS3, AutoCloseable {

    private static final byte[] EMPTY = new byte[0];

    static final String ACCESS_KEY = "test-access-key";
    static final String SECRET_KEY = "test-secret-key-0123456789";

    private final S3Proxy proxy;
    private final BlobStoreContext context;
    private final BlobStore store;

    private EmbeddedTestS3(S3Proxy proxy, BlobStoreContext context, BlobStore store) {
        this.proxy = proxy;
        this.context = context;
        this.store = store;
    }

    public static EmbeddedTestS3 start() {
        ServerStarts.check("an S3 API server");
        Properties overrides = new Properties();
        BlobStoreContext context = ContextBuilder.newBuilder("transient")
                .credentials(ACCESS_KEY, SECRET_KEY)
                .overrides(overrides)
                .build(BlobStoreContext.class);
        BlobStore blobStore = new IndexedBlobStore(context.getBlobStore());
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(blobStore)
                .endpoint(URI.create("http://127.0.0.1:" + FreePorts.next()))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        try {
            proxy.start();
            while (!"STARTED".equals(proxy.getState())) {
                Thread.onSpinWait();
            }
        } catch (Exception e) {
            context.close();
            throw new IllegalStateException("could not start S3Proxy", e);
        }
        return new EmbeddedTestS3(proxy, context, blobStore);
    }

    @Override
    public String endpoint() {
        return "http://127.0.0.1:" + proxy.getPort();
    }

    @Override
    public String accessKey() {
        return ACCESS_KEY;
    }

    @Override
    public String secretKey() {
        return SECRET_KEY;
    }

    /** Creates an empty object in the store behind the API, not through it. */
    public void putDirectly(String bucket, String key) {
        putIntoStore(bucket, key, EMPTY);
    }

    @Override
    public void preload(MinioClient client, String bucket, String key, byte[] content) {
        putIntoStore(bucket, key, content);
    }

    private void putIntoStore(String bucket, String key, byte[] content) {
        store.putBlob(bucket, store.blobBuilder(key).payload(content).build());
    }

    @Override
    public void close() {
        stop();
    }

    void stop() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("could not stop S3Proxy", e);
        } finally {
            context.close();
        }
    }
}
