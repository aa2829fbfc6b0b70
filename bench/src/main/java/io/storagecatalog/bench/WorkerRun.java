package io.storagecatalog.bench;

import io.storagecatalog.testkit.WorkerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A worker jar running in a JVM of its own with a fixed heap ({@code -Xmx256m}), its heap and garbage
 * collection sampled from its Prometheus endpoint every half second while it runs.
 */
final class WorkerRun implements AutoCloseable {

    static final String HEAP_LIMIT = "-Xmx256m";

    private final WorkerProcess process;
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
    private volatile double peakHeapBytes;
    private volatile double gcPauseSeconds;
    private volatile double gcPauses;

    /** @param profile whether to record the worker with Java Flight Recorder, next to its log */
    WorkerRun(String name, Path jar, Map<String, String> properties, Path log, boolean profile) {
        List<String> options = profile
                ? List.of(
                        HEAP_LIMIT,
                        "-XX:StartFlightRecording=settings=profile,filename="
                                + log.resolveSibling(name + ".jfr").toAbsolutePath())
                : List.of(HEAP_LIMIT);
        this.process = WorkerProcess.start(name, jar, options, properties, log).awaitStarted(Duration.ofMinutes(3));
        var unused = sampler.scheduleWithFixedDelay(this::sample, 0, 500, TimeUnit.MILLISECONDS);
    }

    private void sample() {
        double heap = process.metric("jvm_memory_used_bytes", "area=\"heap\"");
        if (!Double.isNaN(heap)) {
            peakHeapBytes = Math.max(peakHeapBytes, heap);
            gcPauseSeconds = process.metric("jvm_gc_pause_seconds_sum", "");
            gcPauses = process.metric("jvm_gc_pause_seconds_count", "");
        }
    }

    /** Sums of the worker's retry counters by cause, for the report. */
    double metric(String name, String labelFilter) {
        return process.metric(name, labelFilter);
    }

    /** CPU time the worker has used so far. */
    java.time.Duration cpuTime() {
        return process.cpuTime();
    }

    /** Heap, GC time and pauses, as seen up to now. */
    Memory memory() {
        sample();
        return new Memory(peakHeapBytes, gcPauseSeconds, gcPauses);
    }

    /** Peak of the sampled heap in use, total GC pause time and count. */
    record Memory(double peakHeapBytes, double gcPauseSeconds, double gcPauses) {

        /** The larger of two instances' figures: what one JVM needed at most. */
        Memory max(Memory other) {
            return new Memory(
                    Math.max(peakHeapBytes, other.peakHeapBytes),
                    Math.max(gcPauseSeconds, other.gcPauseSeconds),
                    Math.max(gcPauses, other.gcPauses));
        }
    }

    @Override
    public void close() {
        sampler.shutdownNow();
        process.stop();
    }
}
