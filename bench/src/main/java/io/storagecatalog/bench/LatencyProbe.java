package io.storagecatalog.bench;

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

import io.storagecatalog.common.event.CatalogEvent;
import io.storagecatalog.common.event.EventContract;
import io.storagecatalog.common.event.EventContract.RecordFormat;
import io.storagecatalog.common.event.RawRecord;
import io.storagecatalog.common.testing.MixedEvents;
import io.storagecatalog.common.testing.RecordPublisher;

/**
 * End-to-end latency at a steady rate: events stamped with the time they are sent, published at
 * {@code rate} per second for a while, consumed by both workers; the latency of an event is from its
 * time to the worker's write of it (the audit row's {@code recorded_at}; the ingest worker's
 * {@code processed_at}, taken in the transaction that commits it).
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
     * the warm-up, then the max of those sent during it. The warm-up runs at the same rate; it lets fresh
     * worker JVMs compile their hot paths and the consumer groups settle, as a running service has.
     */
    /** The latencies per worker, and the CPU used while the measured events were sent (see {@link CpuShares}). */
    record Result(Map<String, double[]> latencies, Map<String, Double> cpu) {
    }

    Result run(int rate, Duration warmup, Duration duration, CpuShares cpu) throws InterruptedException {
        EventContract contract = new EventContract();
        MixedEvents stream = new MixedEvents(3, 50);
        int warmupTotal = (int) (rate * warmup.toSeconds());
        int total = warmupTotal + (int) (rate * duration.toSeconds());
        int perTick = Math.max(1, rate * TICK_MILLIS / 1000);
        List<RawRecord> records = new ArrayList<>(total);
        List<Instant> sendTimes = new ArrayList<>(total);
        try (RecordPublisher publisher = new RecordPublisher(bootstrap)) {
            long start = System.nanoTime();
            for (int sent = 0; sent < total; sent += perTick) {
                if (sent == warmupTotal) {
                    cpu.start();
                }
                List<RawRecord> tick = new ArrayList<>(perTick);
                for (int i = 0; i < perTick; i++) {
                    Instant now = Instant.now();
                    RawRecord record = stream.next(now);
                    tick.add(record);
                    records.add(record);
                    sendTimes.add(now);
                }
                publisher.publish(topic, tick);
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
            for (CatalogEvent event : contract.parse(records.get(i), RecordFormat.CLOUD_EVENTS)) {
                String key = event.id().source() + ' ' + event.id().id();
                sentAt.put(key, sendTimes.get(i));
                if (i < warmupTotal) {
                    warmupEvents.add(key);
                }
            }
        }
        Awaitility.await("latency stream consumed").atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(500))
                .until(() -> count("SELECT count(*) FROM storage_operations") >= sentAt.size()
                        && count("SELECT count(*) FROM storage_processed_events") >= sentAt.size());
        Map<String, double[]> latencies = new HashMap<>();
        latencies.put("audit", percentiles(sentAt, warmupEvents,
                "SELECT event_source || ' ' || event_id, recorded_at FROM storage_operations"));
        latencies.put("ingest", percentiles(sentAt, warmupEvents,
                "SELECT event_key, processed_at FROM storage_processed_events"));
        return new Result(latencies, cores);
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
        double warmupMax = warming.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        return new double[] { p[0], p[1], p[2], warmupMax };
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
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new double[] { at(sorted, 0.50), at(sorted, 0.99), sorted[sorted.length - 1] };
    }

    private static double at(double[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)];
    }
}
