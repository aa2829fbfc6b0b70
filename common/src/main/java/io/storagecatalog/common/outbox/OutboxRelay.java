package io.storagecatalog.common.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.storagecatalog.common.outbox.OutboxRepository.OutboxEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes the outbox's events to Kafka, oldest first, at least once: a batch is deleted in the
 * transaction that claimed it, after the broker acknowledged every event of it. A crash before that
 * commit leaves the batch to be sent again, with the same event ids, which consumers deduplicate.
 * Several relaying processes share the work (claimed rows are skipped by the others).
 */
public class OutboxRelay implements SmartLifecycle {

    public static final String PUBLISHED = "storage_catalog_outbox_published";
    public static final String OLDEST = "storage_catalog_outbox_oldest_pending_seconds";
    public static final String FAILURES = "storage_catalog_outbox_relay_failures";

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final long SEND_TIMEOUT_SECONDS = 30;

    private final OutboxRepository outbox;
    private final KafkaTemplate<String, byte[]> kafka;
    private final TransactionTemplate transactions;
    private final OutboxProperties properties;
    private final Counter published;
    private final Counter failures;
    private volatile double oldestPendingSeconds;
    private volatile ScheduledExecutorService executor;

    public OutboxRelay(
            OutboxRepository outbox,
            KafkaTemplate<String, byte[]> kafka,
            TransactionTemplate transactions,
            OutboxProperties properties,
            MeterRegistry registry) {
        this.outbox = outbox;
        this.kafka = kafka;
        this.transactions = transactions;
        this.properties = properties;
        this.published = Counter.builder(PUBLISHED)
                .description("Catalog events the broker acknowledged from the outbox")
                .register(registry);
        this.failures = Counter.builder(FAILURES)
                .description("Relay rounds that failed and will be retried")
                .register(registry);
        Gauge.builder(OLDEST, this, relay -> relay.oldestPendingSeconds)
                .baseUnit("seconds")
                .description("How long the oldest catalog event not yet published has waited in the outbox")
                .register(registry);
    }

    /** Sends what the outbox holds, batch after batch, until it is empty. */
    public void relayAll() {
        int sent;
        do {
            sent = transactions.execute(status -> relayBatch());
        } while (sent == properties.batchSize());
    }

    private int relayBatch() {
        List<OutboxEvent> events = outbox.claim(properties.batchSize());
        List<CompletableFuture<SendResult<String, byte[]>>> sends = new ArrayList<>(events.size());
        for (OutboxEvent event : events) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(event.topic(), event.key(), event.payload());
            record.headers().add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
            record.headers().add("ce_id", event.eventId().toString().getBytes(StandardCharsets.UTF_8));
            sends.add(kafka.send(record));
        }
        for (CompletableFuture<SendResult<String, byte[]>> send : sends) {
            try {
                send.get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("the broker did not acknowledge a catalog event", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while relaying catalog events", e);
            }
        }
        outbox.delete(events);
        published.increment(events.size());
        return events.size();
    }

    private void round() {
        try {
            relayAll();
            // Sent to the last row it could claim: nothing waits but what another relay holds or what came
            // since. The outbox is read for its oldest row only while relaying fails.
            oldestPendingSeconds = 0;
        } catch (RuntimeException e) {
            failures.increment();
            // The events stay in the outbox; the next round sends them. Their content is not logged.
            log.warn("catalog events not relayed yet, retrying: {}", rootCause(e));
            try {
                oldestPendingSeconds = outbox.oldestAgeSeconds();
            } catch (RuntimeException unavailable) {
                // The database is away too: the gauge keeps its last value until it answers.
            }
        }
    }

    private static String rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName();
    }

    @Override
    public void start() {
        if (!properties.relay() || executor != null) {
            return;
        }
        ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "outbox-relay");
            thread.setDaemon(true);
            return thread;
        });
        // Each round catches its own failures, so the schedule never ends on one: nothing to read from its future.
        var unused = started.scheduleWithFixedDelay(
                this::round, 0, properties.interval().toMillis(), TimeUnit.MILLISECONDS);
        executor = started;
    }

    @Override
    public void stop() {
        ScheduledExecutorService running = executor;
        if (running == null) {
            return;
        }
        running.shutdown();
        try {
            running.awaitTermination(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor = null;
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }

    // Stopped before the Kafka producer and the DataSource, started after them.
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 100;
    }
}
