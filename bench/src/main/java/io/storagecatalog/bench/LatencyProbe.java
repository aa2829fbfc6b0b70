package io.storagecatalog.bench;

import io.storagecatalog.common.event.CatalogEvent;
import io.storagecatalog.common.event.EventContract;
import io.storagecatalog.common.event.RawRecord;
import io.storagecatalog.common.testing.RecordPublisher;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.awaitility.Awaitility;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * End-to-end latency at a steady rate: events stamped with the time they are sent, published at
 * {@code rate} per second for a while, consumed by both workers; the latency of an event is from its
 * time to the commit of the worker's transaction that wrote it (PostgreSQL's commit timestamp of the
 * audit row and of the ingest worker's {@code storage_processed_events} row).
 */
final class LatencyProbe {

    private static final int TICK_MILLIS = 10;

    private final String bootstrap;
    private final String topic;
    private final JdbcTemplate jdbc;

    LatencyProbe(String bootstrap, String topic, JdbcTemplate jdbc) {
        this.bootstrap = bootstrap;
        this.topic = topic;
        this.jdbc = jdbc;
    }

    /**
     * Latencies in milliseconds, per worker ("audit", "ingest"): p50, p99 and max of the events sent after
     * the warm-up, then the max of those sent during it; the CPU used while the measured events were
     * sent (see {@link CpuShares}); how long the warm-up lasted and the JVMs' compilation time over its
     * last window.
     */
    record Result(
            Map<String, double[]> latencies,
            Map<String, Double> cpu,
            Duration warmup,
            boolean settled,
            double compileMillisAtStart,
            boolean toCommit) {}

    /**
     * The warm-up runs at the same rate, at least {@code minWarmup}, then until the JVMs' compilers are
     * quiet ({@link CompilerQuiet}), at most {@code maxWarmup}: a measurement taken while they still
     * compile measures the compilers' share of two cores, not the pipeline (it lets the consumer groups
     * settle too, as a running service has).
     */
    Result run(
            int rate, Duration minWarmup, Duration maxWarmup, Duration duration, CpuShares cpu, CompilerQuiet compilers)
            throws InterruptedException {
        EventContract contract = new EventContract();
        BenchStream stream = new BenchStream(3, 50);
        int measuredTotal = (int) (rate * duration.toSeconds());
        int perTick = Math.max(1, rate * TICK_MILLIS / 1000);
        List<RawRecord> records = new ArrayList<>();
        List<Instant> sendTimes = new ArrayList<>();
        int warmupTotal = -1;
        Duration warmup = null;
        boolean settled = false;
        double compileMillisAtStart = Double.NaN;
        try (RecordPublisher publisher = new RecordPublisher(bootstrap)) {
            long start = System.nanoTime();
            for (int sent = 0; warmupTotal < 0 || sent < warmupTotal + measuredTotal; sent += perTick) {
                if (warmupTotal < 0) {
                    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
                    settled = compilers.quiet();
                    if (elapsed.compareTo(minWarmup) >= 0 && (settled || elapsed.compareTo(maxWarmup) >= 0)) {
                        warmupTotal = sent;
                        warmup = elapsed;
                        compileMillisAtStart = compilers.lastWindowMillis();
                        // Its scrapes of the workers would be part of what is measured.
                        compilers.close();
                        cpu.start();
                    }
                }
                List<RawRecord> tick = new ArrayList<>(perTick);
                for (int i = 0; i < perTick; i++) {
                    Instant now = Instant.now();
                    RawRecord record = stream.next(now);
                    tick.add(record);
                    records.add(record);
                    sendTimes.add(now);
                }
                BenchStream.publish(publisher, topic, tick);
                // The steady rate: the next tick is due TICK_MILLIS after this one was.
                long due = start + (long) (sent + perTick) * 1_000_000_000L / rate;
                long ahead = due - System.nanoTime();
                if (ahead > 0) {
                    Thread.sleep(ahead / 1_000_000, (int) (ahead % 1_000_000));
                }
            }
        }
        Map<String, Double> cores = cpu.stop();
        // The events' identities are read after the stream, so that the probe's own work while it sends
        // is only generating and publishing (the machine's two cores are shared with what it measures).
        Map<String, Instant> sentAt = new HashMap<>();
        Set<String> warmupEvents = new HashSet<>();
        for (int i = 0; i < records.size(); i++) {
            for (CatalogEvent event : contract.parse(records.get(i), BenchStream.formatOf(records.get(i)))) {
                String key = event.id().source() + ' ' + event.id().id();
                sentAt.put(key, sendTimes.get(i));
                if (i < warmupTotal) {
                    warmupEvents.add(key);
                }
            }
        }
        Awaitility.await("latency stream consumed")
                .atMost(Duration.ofMinutes(10))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> count("SELECT count(*) FROM storage_operations") >= sentAt.size()
                        && count("SELECT count(*) FROM storage_processed_events") >= sentAt.size());
        // The commit time of the transaction that wrote each row; without commit timestamps (a server
        // of the user's own), the time written in the row, taken inside that transaction.
        boolean commitTimes = "on".equals(jdbc.queryForObject("SHOW track_commit_timestamp", String.class));
        Map<String, double[]> latencies = new HashMap<>();
        latencies.put(
                "audit",
                percentiles(
                        sentAt,
                        warmupEvents,
                        "SELECT event_source || ' ' || event_id, "
                                + (commitTimes ? "pg_xact_commit_timestamp(xmin)" : "recorded_at")
                                + " FROM storage_operations"));
        latencies.put(
                "ingest",
                percentiles(
                        sentAt,
                        warmupEvents,
                        "SELECT event_key, " + (commitTimes ? "pg_xact_commit_timestamp(xmin)" : "processed_at")
                                + " FROM storage_processed_events"));
        return new Result(latencies, cores, warmup, settled, compileMillisAtStart, commitTimes);
    }

    private double[] percentiles(Map<String, Instant> sentAt, Set<String> warmupEvents, String writtenSql) {
        List<Double> measured = new ArrayList<>();
        List<Double> warming = new ArrayList<>();
        jdbc.query(writtenSql, rs -> {
            String key = rs.getString(1);
            double millis = millisSince(sentAt, key, rs.getObject(2, java.time.OffsetDateTime.class));
            (warmupEvents.contains(key) ? warming : measured).add(millis);
        });
        double[] p = percentiles(measured);
        double warmupMax =
                warming.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        return new double[] {p[0], p[1], p[2], warmupMax};
    }

    private long count(String sql) {
        return jdbc.queryForObject(sql, Long.class);
    }

    private static double millisSince(Map<String, Instant> sentAt, String key, java.time.OffsetDateTime written) {
        Instant sent = sentAt.get(key);
        if (sent == null) {
            throw new IllegalStateException("an event the probe did not send: " + key);
        }
        return Duration.between(sent, written.toInstant()).toNanos() / 1e6;
    }

    private static double[] percentiles(List<Double> values) {
        double[] sorted =
                values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new double[] {at(sorted, 0.50), at(sorted, 0.99), sorted[sorted.length - 1]};
    }

    private static double at(double[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)];
    }
}
