package io.storagecatalog.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * The ingest worker's meters. Labels are bounded: event type (the contract's operations), outcome,
 * reason class, limit name, retry cause.
 */
@Component
public class IngestMetrics {

    /** Events handled, by {@code type} (operation) and {@code outcome}. */
    public static final String EVENTS = "storage_catalog_ingest_events";
    /** Records sent to a dead-letter topic, by {@code reason} class. */
    public static final String DEAD_LETTERS = "storage_catalog_ingest_dead_letters";
    /** Records per consumed batch. */
    public static final String BATCH_SIZE = "storage_catalog_ingest_batch_size";
    /** Event time to database commit. */
    public static final String APPLY_LATENCY = "storage_catalog_ingest_apply_latency";
    /** Time of each batch's database transaction (its statements and commit). */
    public static final String TRANSACTION = "storage_catalog_ingest_batch_transaction";
    /** Redeliveries by {@code cause}: waiting_for_file, infrastructure, offset_commit (a batch read again after its offsets failed to commit). */
    public static final String RETRIES = "storage_catalog_ingest_retries";
    /** Quota limits left exceeded by an upload, by {@code entity_type} and {@code limit}. */
    public static final String QUOTA_EXCEEDED = "storage_catalog_quota_exceeded";

    private final MeterRegistry registry;
    private final DistributionSummary batchSize;
    private final Timer applyLatency;
    private final Timer transaction;

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.batchSize = DistributionSummary.builder(BATCH_SIZE)
                .baseUnit("records")
                .description("Records per consumed batch")
                .publishPercentileHistogram()
                .register(registry);
        this.applyLatency = Timer.builder(APPLY_LATENCY)
                .description("Event time to catalog commit")
                .publishPercentileHistogram()
                .register(registry);
        this.transaction = Timer.builder(TRANSACTION)
                .description("Time of a batch's database transaction")
                .publishPercentileHistogram()
                .register(registry);
        // Every label value of these counters is known: registered at zero, an alert sees 0, not nothing.
        for (io.storagecatalog.common.event.RejectionReason reason :
                io.storagecatalog.common.event.RejectionReason.values()) {
            deadLetterCounter(reason.label());
        }
        retryCounter("waiting_for_file");
        retryCounter("infrastructure");
        retryCounter("offset_commit");
        for (io.storagecatalog.common.event.QuotaEntityType type :
                io.storagecatalog.common.event.QuotaEntityType.values()) {
            for (String limit : new String[] {"maxStorageBytes", "maxFiles", "maxFileSizeBytes"}) {
                quotaExceededCounter(type.dbValue(), limit);
            }
        }
    }

    private Counter deadLetterCounter(String reason) {
        return Counter.builder(DEAD_LETTERS)
                .description("Records sent to a dead-letter topic")
                .tag("reason", reason)
                .register(registry);
    }

    private Counter retryCounter(String cause) {
        return Counter.builder(RETRIES)
                .description("Batches or records delivered again after a failure")
                .tag("cause", cause)
                .register(registry);
    }

    private Counter quotaExceededCounter(String entityType, String limit) {
        return Counter.builder(QUOTA_EXCEEDED)
                .description("Quota limits left exceeded by an upload")
                .tag("entity_type", entityType)
                .tag("limit", limit)
                .register(registry);
    }

    public void event(String type, String outcome) {
        Counter.builder(EVENTS)
                .description("File events handled by the ingest worker")
                .tag("type", type)
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }

    public void deadLetter(String reason) {
        deadLetterCounter(reason).increment();
    }

    public void batch(int records) {
        batchSize.record(records);
    }

    public void committed(Instant eventTime, Instant commitTime) {
        Duration latency = Duration.between(eventTime, commitTime);
        if (!latency.isNegative()) {
            applyLatency.record(latency);
        }
    }

    public void transaction(Instant begun, Instant committed) {
        transaction.record(Duration.between(begun, committed));
    }

    public void retry(String cause) {
        retryCounter(cause).increment();
    }

    public void quotaExceeded(String entityType, String limit) {
        quotaExceededCounter(entityType, limit).increment();
    }
}
