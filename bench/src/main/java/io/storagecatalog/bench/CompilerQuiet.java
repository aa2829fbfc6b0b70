package io.storagecatalog.bench;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;

/**
 * Whether the JIT compilers of the pipeline's JVMs have settled: fresh JVMs fed 1,000 events/s keep
 * compiling for one to four minutes on this machine, their compiler threads taking 0.2-0.3 cores each
 * (measured per thread from {@code /proc}), cores the pipeline needs while its latency is measured. A
 * service that has been running has compiled its hot paths long before. Sampled once a second from
 * the JVMs' accumulated compilation time, in milliseconds ({@code jvm_compilation_time_ms_total});
 * quiet when the JVMs together compiled for less than {@link #QUIET_MILLIS} over the last
 * {@link #WINDOW}.
 */
final class CompilerQuiet implements AutoCloseable {

    static final Duration WINDOW = Duration.ofSeconds(10);
    /** Compilation time of all the JVMs together within a window: 5% of one core. */
    static final double QUIET_MILLIS = 500;

    private record Sample(long nanos, double compileMillis) {}

    private final DoubleSupplier compileMillis;
    private final Deque<Sample> samples = new ArrayDeque<>();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "compiler-quiet");
        thread.setDaemon(true);
        return thread;
    });
    private volatile double lastWindowMillis = Double.NaN;

    /** @param compileMillis compilation time so far of all the JVMs together; NaN while one cannot be read */
    CompilerQuiet(DoubleSupplier compileMillis) {
        this.compileMillis = compileMillis;
        var unused = sampler.scheduleAtFixedRate(this::sample, 0, 1, TimeUnit.SECONDS);
    }

    private synchronized void sample() {
        double now = compileMillis.getAsDouble();
        long nanos = System.nanoTime();
        if (Double.isNaN(now)) {
            samples.clear();
            lastWindowMillis = Double.NaN;
            return;
        }
        samples.addLast(new Sample(nanos, now));
        while (samples.size() > 1 && nanos - samples.peekFirst().nanos() > WINDOW.toNanos()) {
            Sample oldest = samples.removeFirst();
            if (nanos - samples.peekFirst().nanos() < WINDOW.toNanos()) {
                // Keep the newest sample at least a window old: it is the window's start.
                samples.addFirst(oldest);
                break;
            }
        }
        Sample start = samples.peekFirst();
        lastWindowMillis = nanos - start.nanos() >= WINDOW.toNanos() ? now - start.compileMillis() : Double.NaN;
    }

    /** Compilation time over the last window, in ms; NaN before a whole window was seen. */
    double lastWindowMillis() {
        return lastWindowMillis;
    }

    boolean quiet() {
        double last = lastWindowMillis;
        return !Double.isNaN(last) && last < QUIET_MILLIS;
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
