package io.storagecatalog.faults;

import java.time.Duration;
import java.util.function.LongSupplier;
import org.awaitility.Awaitility;

/** How long a worker took to commit again after a server came back. */
final class ResumeClock {

    private ResumeClock() {}

    /** Time from now until the counter (committed events) moves past where it stood before the fault. */
    static Duration until(LongSupplier committed, long before) {
        long start = System.nanoTime();
        Awaitility.await("commits resume")
                .atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> committed.getAsLong() > before);
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
