package io.storagecatalog.common.kafka;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * How far behind a worker's consumer is in time, and for how long it has been retrying the same
 * batch: the two things a records-lag gauge cannot tell (a worker stuck on one batch, or a backlog of
 * few but old records). Both read the clock at scrape time, so a stuck worker's figures keep growing.
 */
public final class ConsumerProgress {

    /** Age of the oldest record of the batch in hand (0 between batches), in seconds. */
    public static final String LAG = "storage_catalog_consumer_lag_seconds";
    /** Time since the batch in hand first failed and began to be retried (0 when it has not), in seconds. */
    public static final String RETRYING = "storage_catalog_consumer_retrying_seconds";

    private final Clock clock;
    // Per consumer thread (a listener may run several): what each has in hand. The gauges report the
    // worst, so one thread's progress never hides another that is stuck.
    private final Map<Thread, Long> oldestInHand = new ConcurrentHashMap<>();
    private final Map<Thread, Long> failingSince = new ConcurrentHashMap<>();

    public ConsumerProgress(MeterRegistry registry, Clock clock) {
        this.clock = clock;
        Gauge.builder(LAG, this, progress -> progress.secondsSince(oldest(progress.oldestInHand)))
                .baseUnit("seconds")
                .description("Age of the oldest record of the batch being handled (record timestamp to now)")
                .register(registry);
        Gauge.builder(RETRYING, this, progress -> progress.secondsSince(oldest(progress.failingSince)))
                .baseUnit("seconds")
                .description("How long the batch in hand has been retried after a failure")
                .register(registry);
    }

    /** A batch is delivered (again, after a failure): its oldest record's timestamp is the lag. */
    public void received(List<? extends ConsumerRecord<?, ?>> records) {
        long oldest = Long.MAX_VALUE;
        for (ConsumerRecord<?, ?> record : records) {
            if (record.timestamp() > 0) {
                oldest = Math.min(oldest, record.timestamp());
            }
        }
        if (oldest == Long.MAX_VALUE) {
            oldestInHand.remove(Thread.currentThread());
        } else {
            oldestInHand.put(Thread.currentThread(), oldest);
        }
    }

    /** The batch in hand failed and will be delivered again. */
    public void failed() {
        failingSince.putIfAbsent(Thread.currentThread(), clock.millis());
    }

    /** The batch in hand is done and its offsets committed. */
    public void completed() {
        oldestInHand.remove(Thread.currentThread());
        failingSince.remove(Thread.currentThread());
    }

    private static long oldest(Map<Thread, Long> times) {
        return times.values().stream().mapToLong(Long::longValue).min().orElse(0);
    }

    private double secondsSince(long epochMillis) {
        return epochMillis == 0 ? 0 : Math.max(0, clock.millis() - epochMillis) / 1000.0;
    }
}
