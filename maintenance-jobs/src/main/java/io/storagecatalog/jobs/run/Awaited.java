package io.storagecatalog.jobs.run;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** The result of work handed to another thread, with its failure thrown as it was thrown there. */
public final class Awaited {

    private Awaited() {}

    /** @param what what the work was, for the message of a failure that is not a runtime exception */
    public static <T> T result(Future<T> work, String what) {
        try {
            return work.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(what + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + what, e);
        }
    }

    /**
     * The results of several pieces of work, in order, once every one has ended; the first failure is
     * thrown after that, so that none is still running when the caller goes on.
     */
    public static <T> List<T> all(List<Future<T>> work, String what) {
        List<T> results = new ArrayList<>(work.size());
        RuntimeException failure = null;
        for (Future<T> piece : work) {
            try {
                results.add(result(piece, what));
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        return results;
    }
}
