package io.storagecatalog.jobs.orphans;

import io.storagecatalog.common.s3.ObjectStore;
import io.storagecatalog.common.s3.ObjectStore.StoredObject;
import io.storagecatalog.jobs.run.Awaited;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Lists the reconciliation's next window while the current one is compared and written: the store's
 * listing and the catalog's query then run at the same time instead of one after the other. At most one
 * listing is in flight; it is used only by the request it was made for (same bucket, same start, same
 * size), so a step that restarts elsewhere lists afresh. Only a cache: the restart point stays the last
 * committed window.
 */
final class ListingPrefetch implements AutoCloseable {

    private record Request(String bucket, String startAfter, int max) {}

    private final ObjectStore store;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "reconcile-listing");
        thread.setDaemon(true);
        return thread;
    });
    private Request pendingRequest;
    private Future<List<StoredObject>> pending;

    ListingPrefetch(ObjectStore store) {
        this.store = store;
    }

    /** The window's objects: the listing started for it earlier, or a listing now. */
    synchronized List<StoredObject> list(String bucket, String startAfter, int max) {
        if (!new Request(bucket, startAfter, max).equals(pendingRequest)) {
            discard();
            return store.listAfter(bucket, startAfter, max);
        }
        Future<List<StoredObject>> prefetched = pending;
        pending = null;
        pendingRequest = null;
        return Awaited.result(prefetched, "listing " + bucket);
    }

    /** Starts listing a window that {@link #list} is expected to ask for next. */
    synchronized void start(String bucket, String startAfter, int max) {
        discard();
        pendingRequest = new Request(bucket, startAfter, max);
        pending = executor.submit(() -> store.listAfter(bucket, startAfter, max));
    }

    private void discard() {
        if (pending != null) {
            pending.cancel(true);
        }
        pending = null;
        pendingRequest = null;
    }

    @Override
    public synchronized void close() {
        discard();
        executor.shutdownNow();
    }
}
