package io.storagecatalog.bench;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.minio.MinioClient;
import io.minio.PutObjectArgs;

/**
 * Puts empty objects through the S3 API, many requests in flight: one PUT at a time does about 1,200
 * objects per second against S3Proxy, too slow for a million. Keys come in batches (a page of catalog
 * rows); each batch is finished before the next is taken, which bounds memory and lets a failed PUT
 * surface at once.
 */
final class BucketFill implements AutoCloseable {

    private static final int THREADS = 16;
    private static final int KEYS_PER_TASK = 250;

    /** An object to create: bucket and key. */
    record ObjectKey(String bucket, String key) {
    }

    private final MinioClient client;
    private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    private long puts;

    BucketFill(MinioClient client) {
        this.client = client;
    }

    /** Creates the objects, in parallel, and returns when all exist. */
    void put(List<ObjectKey> keys) {
        List<Future<?>> tasks = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += KEYS_PER_TASK) {
            List<ObjectKey> slice = keys.subList(from, Math.min(keys.size(), from + KEYS_PER_TASK));
            tasks.add(pool.submit(() -> {
                for (ObjectKey key : slice) {
                    client.putObject(PutObjectArgs.builder().bucket(key.bucket()).object(key.key())
                            .stream(new ByteArrayInputStream(new byte[0]), 0, -1).build());
                }
                return null;
            }));
        }
        try {
            for (Future<?> task : tasks) {
                task.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not put an object: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while putting objects", e);
        }
        puts += keys.size();
    }

    long puts() {
        return puts;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
