package io.storagecatalog.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;

import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;

import io.storagecatalog.testkit.TestS3;

/**
 * The test kit's kind of S3 server (S3Proxy 2.6 over jclouds' transient, in-memory store, AWS V2/V4
 * authentication), started here so that the probe holds its store: a million objects are written
 * straight into the store, in this JVM, in about a minute, where PUTs through the S3 API go at a few
 * hundred to about a thousand per second on this machine, whatever the number of threads. Everything
 * the job does still goes through the S3 API of this S3Proxy.
 */
final class DirectFillS3 implements TestS3, AutoCloseable {

    private static final String ACCESS_KEY = "probe-access-key";
    private static final String SECRET_KEY = "probe-secret-key-0123456789";
    private static final byte[] EMPTY = new byte[0];

    private final BlobStoreContext context;
    private final S3Proxy proxy;

    private DirectFillS3(BlobStoreContext context, S3Proxy proxy) {
        this.context = context;
        this.proxy = proxy;
    }

    static DirectFillS3 start() {
        BlobStoreContext context = ContextBuilder.newBuilder("transient").credentials(ACCESS_KEY, SECRET_KEY)
                .build(BlobStoreContext.class);
        S3Proxy proxy = S3Proxy.builder().blobStore(context.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:" + freePort()))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY).build();
        try {
            proxy.start();
            while (!"STARTED".equals(proxy.getState())) {
                Thread.onSpinWait();
            }
        } catch (Exception e) {
            context.close();
            throw new IllegalStateException("could not start S3Proxy", e);
        }
        return new DirectFillS3(context, proxy);
    }

    /** Creates an empty object in the store, not through the API. */
    void putDirectly(String bucket, String key) {
        BlobStore store = context.getBlobStore();
        store.putBlob(bucket, store.blobBuilder(key).payload(EMPTY).build());
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

    @Override
    public void close() throws Exception {
        try {
            proxy.stop();
        } finally {
            context.close();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }
}
