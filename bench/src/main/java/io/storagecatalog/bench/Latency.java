package io.storagecatalog.bench;

import java.util.Collection;

/** Percentiles of a set of call durations (nearest rank), in milliseconds. */
record Latency(int calls, double p50Ms, double p99Ms, double maxMs) {

    static Latency of(Collection<Long> nanos) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        if (sorted.length == 0) {
            return new Latency(0, 0, 0, 0);
        }
        return new Latency(sorted.length, rank(sorted, 0.50), rank(sorted, 0.99), sorted[sorted.length - 1] / 1e6);
    }

    private static double rank(long[] sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1e6;
    }

    boolean within(double targetMs) {
        return p99Ms <= targetMs;
    }

    @Override
    public String toString() {
        return String.format("%d calls: p50 %.1f ms, p99 %.1f ms, max %.1f ms", calls, p50Ms, p99Ms, maxMs);
    }
}
