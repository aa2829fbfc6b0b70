package io.storagecatalog.jobs.orphans;

import io.storagecatalog.common.s3.ObjectStore;
import io.storagecatalog.jobs.run.Awaited;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Removes objects of several buckets with a few delete requests in flight at once (one request per
 * bucket; S3 deletes up to 1,000 keys per request but only within one bucket). A purge page's files lie
 * in many buckets, and one request after the other left the step waiting on round trips. Returns when
 * every request has finished; the first failure is thrown after that, so that no row is removed for an
 * object that may still be there.
 */
final class ObjectRemoval implements AutoCloseable {

    private final ObjectStore store;
    private final ExecutorService executor;

    ObjectRemoval(ObjectStore store, int requests) {
        this.store = store;
        this.executor = Executors.newFixedThreadPool(requests, task -> {
            Thread thread = new Thread(task, "purge-removal");
            thread.setDaemon(true);
            return thread;
        });
    }

    void remove(Map<String, List<String>> keysByBucket) {
        List<Future<Void>> requests = new ArrayList<>(keysByBucket.size());
        keysByBucket.forEach((bucket, keys) -> requests.add(executor.submit(() -> {
            store.remove(bucket, keys);
            return null;
        })));
        Awaited.all(requests, "object removal");
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
