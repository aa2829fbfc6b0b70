package io.storagecatalog.jobs.run;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** The result of work handed to another thread, with its failure thrown as it was thrown there. */
public final class Awaited {

    private Awaited() {
    }

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
}
