package io.storagecatalog.faults;

import java.time.Duration;

/** The length of a fault: a server kept away on purpose. Not a wait for a condition. */
final class Pause {

    private Pause() {}

    static void of(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
