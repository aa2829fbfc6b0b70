package io.storagecatalog.bench;

import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Creates empty objects from a few threads at once (through the S3 API, many requests are in flight).
 * Keys come in batches (a page of catalog rows); each batch is finished before the next is taken,
 * which bounds memory and lets a failed write surface at once.
 */
final class BucketFill implements AutoCloseable {

    private static final int THREADS = 16;
    private static final int KEYS_PER_TASK = 250;

    /** An object to create: bucket and key. */
    record ObjectKey(String bucket, String key) {}

    /** How one object is written. */
    @FunctionalInterface
    interface Writer {
        void put(ObjectKey key) throws Exception;
    }

    private final Writer writer;
    private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    private long puts;
    private long nanos;

    BucketFill(Writer writer) {
        this.writer = writer;
    }

    /** Writes through the S3 API: a PUT of an empty object each. */
    static BucketFill throughApi(MinioClient client) {
        return new BucketFill(
                key -> client.putObject(PutObjectArgs.builder().bucket(key.bucket()).object(key.key()).stream(
                                new ByteArrayInputStream(new byte[0]), 0, -1)
                        .build()));
    }

    /** Creates the objects, in parallel, and returns when all exist. */
    void put(List<ObjectKey> keys) {
        long start = System.nanoTime();
        List<Future<?>> tasks = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += KEYS_PER_TASK) {
            List<ObjectKey> slice = keys.subList(from, Math.min(keys.size(), from + KEYS_PER_TASK));
            tasks.add(pool.submit(() -> {
                for (ObjectKey key : slice) {
                    writer.put(key);
                }
                return null;
            }));
        }
        try {
            for (Future<?> task : tasks) {
                task.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "could not write an object: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while putting objects", e);
        }
        puts += keys.size();
        nanos += System.nanoTime() - start;
    }

    long puts() {
        return puts;
    }

    /** Seconds spent writing (reading the keys not included). */
    double seconds() {
        return nanos / 1e9;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
