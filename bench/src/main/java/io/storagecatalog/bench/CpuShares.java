package io.storagecatalog.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Who used the machine's CPU over a window, in cores (1.0 = one core busy all the time): named
 * processes, and the rest of the machine (PostgreSQL's processes among it), from {@code /proc/stat}.
 * A latency measured on a saturated machine is a queue, not a property of the code; this tells which.
 */
final class CpuShares {

    private static final Path PROC_STAT = Path.of("/proc/stat");
    // Linux counts /proc/stat in clock ticks of 1/100 s (USER_HZ).
    private static final double TICKS_PER_SECOND = 100;

    private final Map<String, Supplier<Duration>> processes;
    private final Map<String, Duration> startCpu = new LinkedHashMap<>();
    private long startNanos;
    private long startBusyTicks;

    CpuShares(Map<String, Supplier<Duration>> processes) {
        this.processes = processes;
    }

    void start() {
        processes.forEach((name, cpu) -> startCpu.put(name, cpu.get()));
        startBusyTicks = busyTicks();
        startNanos = System.nanoTime();
    }

    /** Cores used since {@link #start()}: each named process, "rest of the machine", "machine". */
    Map<String, Double> stop() {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        double machine =
                Files.isReadable(PROC_STAT) ? (busyTicks() - startBusyTicks) / TICKS_PER_SECOND / seconds : Double.NaN;
        Map<String, Double> cores = new LinkedHashMap<>();
        double named = 0;
        for (Map.Entry<String, Supplier<Duration>> process : processes.entrySet()) {
            double used = (process.getValue().get().toNanos()
                            - startCpu.get(process.getKey()).toNanos())
                    / 1e9
                    / seconds;
            cores.put(process.getKey(), used);
            named += used;
        }
        cores.put("rest of the machine (PostgreSQL among it)", machine - named);
        cores.put("machine", machine);
        cores.put("cores", (double) Runtime.getRuntime().availableProcessors());
        return cores;
    }

    // The first line of /proc/stat: cpu user nice system idle iowait irq softirq steal ...; busy is all but
    // idle and iowait.
    private static long busyTicks() {
        if (!Files.isReadable(PROC_STAT)) {
            return 0;
        }
        try {
            String[] fields = Files.readAllLines(PROC_STAT).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < Math.min(fields.length, 9); i++) {
                if (i != 4 && i != 5) {
                    busy += Long.parseLong(fields[i]);
                }
            }
            return busy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
