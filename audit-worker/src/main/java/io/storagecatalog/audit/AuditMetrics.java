package io.storagecatalog.audit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/** The audit worker's meters; labels are bounded (operation, status, outcome, reason). */
@Component
public class AuditMetrics {

    /** Rows appended to the chain, by {@code operation} and {@code status}. */
    public static final String ROWS_APPENDED = "storage_catalog_audit_rows_appended";
    /** Events that already had their row (redeliveries), not appended again. */
    public static final String DUPLICATES = "storage_catalog_audit_duplicates";
    /** Offset commits that failed (the batch is read again; its events read as duplicates). */
    public static final String OFFSET_COMMIT_FAILURES = "storage_catalog_audit_offset_commit_failures";
    /** Records that are not valid events (the ingest worker dead-letters them), by {@code reason}. */
    public static final String INVALID = "storage_catalog_audit_invalid_records";
    /** Events the database refused to append, set aside on the audit dead-letter topics, by {@code reason}. */
    public static final String DEAD_LETTERS = "storage_catalog_audit_dead_letters";
    /** Rows per appended batch. */
    public static final String BATCH_SIZE = "storage_catalog_audit_batch_size";
    /** Event time to commit of its audit row. */
    public static final String APPEND_LATENCY = "storage_catalog_audit_append_latency";
    /** Time of each batch's database transaction (chain head lock, rows, commit). */
    public static final String TRANSACTION = "storage_catalog_audit_batch_transaction";
    /** Position of the chain's head: rows ever appended. */
    public static final String CHAIN_LENGTH = "storage_catalog_audit_chain_length";
    /** When the last checkpoint was written, in seconds since the epoch. */
    public static final String LAST_CHECKPOINT = "storage_catalog_audit_last_checkpoint_timestamp_seconds";
    /** The checkpoint interval the worker is configured with, in seconds. */
    public static final String CHECKPOINT_INTERVAL = "storage_catalog_audit_checkpoint_interval_seconds";
    /**
     * Since when rows wait for a checkpoint (the first row appended after the last checkpoint), in seconds
     * since the epoch; 0 while every row is checkpointed.
     */
    public static final String UNCHECKPOINTED_SINCE = "storage_catalog_audit_uncheckpointed_since_timestamp_seconds";
    /** Chain verifications by {@code result}: intact, violated. */
    public static final String VERIFICATIONS = "storage_catalog_audit_verifications";

    private final MeterRegistry registry;
    private final DistributionSummary batchSize;
    private final Timer appendLatency;
    private final Timer transaction;
    private final AtomicLong chainLength = new AtomicLong();
    private final AtomicLong lastCheckpoint = new AtomicLong();
    private final AtomicLong checkpointedSeq = new AtomicLong();
    private final AtomicLong uncheckpointedSince = new AtomicLong();

    public AuditMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.batchSize = DistributionSummary.builder(BATCH_SIZE)
                .baseUnit("rows")
                .publishPercentileHistogram()
                .description("Rows per appended batch")
                .register(registry);
        this.appendLatency = Timer.builder(APPEND_LATENCY)
                .publishPercentileHistogram()
                .description("Event time to commit of its audit row")
                .register(registry);
        this.transaction = Timer.builder(TRANSACTION)
                .publishPercentileHistogram()
                .description("Time of a batch's database transaction")
                .register(registry);
        Gauge.builder(CHAIN_LENGTH, chainLength, AtomicLong::get)
                .description("Rows ever appended to the chain")
                .register(registry);
        // NaN before the first checkpoint: "the epoch" would read as a checkpoint 56 years old.
        Gauge.builder(LAST_CHECKPOINT, lastCheckpoint, at -> at.get() == 0 ? Double.NaN : at.get())
                .description("When the last checkpoint was written")
                .register(registry);
        Gauge.builder(UNCHECKPOINTED_SINCE, uncheckpointedSince, AtomicLong::get)
                .description("When the oldest row not yet checkpointed was appended (0: none)")
                .register(registry);
        // Every label value is known: registered at zero, an alert sees the first increase.
        for (io.storagecatalog.common.event.RejectionReason reason :
                io.storagecatalog.common.event.RejectionReason.values()) {
            invalidCounter(reason.label());
            deadLetterCounter(reason.label());
        }
        verificationCounter(true);
        verificationCounter(false);
        offsetCommitFailures();
    }

    private Counter offsetCommitFailures() {
        return Counter.builder(OFFSET_COMMIT_FAILURES)
                .description("Offset commits that failed; their batch is read again")
                .register(registry);
    }

    public void offsetCommitFailed() {
        offsetCommitFailures().increment();
    }

    private Counter verificationCounter(boolean chainIntact) {
        return Counter.builder(VERIFICATIONS)
                .description("Audit chain verifications")
                .tag("result", chainIntact ? "intact" : "violated")
                .register(registry);
    }

    public void appended(String operation, String status) {
        Counter.builder(ROWS_APPENDED)
                .description("Rows appended to the audit chain")
                .tag("operation", operation)
                .tag("status", status)
                .register(registry)
                .increment();
    }

    public void duplicates(int count) {
        Counter.builder(DUPLICATES)
                .description("Redelivered events whose row exists")
                .register(registry)
                .increment(count);
    }

    public void invalid(String reason) {
        invalidCounter(reason).increment();
    }

    public void deadLettered(String reason) {
        deadLetterCounter(reason).increment();
    }

    private Counter deadLetterCounter(String reason) {
        return Counter.builder(DEAD_LETTERS)
                .description("Events the database refused to append, set aside")
                .tag("reason", reason)
                .register(registry);
    }

    private Counter invalidCounter(String reason) {
        return Counter.builder(INVALID)
                .description("Records that are not valid events")
                .tag("reason", reason)
                .register(registry);
    }

    public void batch(int rows) {
        batchSize.record(rows);
    }

    public void committed(Instant eventTime, Instant commitTime) {
        Duration latency = Duration.between(eventTime, commitTime);
        if (!latency.isNegative()) {
            appendLatency.record(latency);
        }
    }

    public void transaction(Instant begun, Instant committed) {
        transaction.record(Duration.between(begun, committed));
    }

    /** The chain's head after an append: rows past the last checkpoint start waiting for the next. */
    public void chainLength(long seq) {
        chainLength.set(seq);
        if (seq > checkpointedSeq.get()) {
            uncheckpointedSince.compareAndSet(0, Instant.now().getEpochSecond());
        }
    }

    /** A checkpoint of the chain up to {@code seq}: the rows wait no longer unless more came meanwhile. */
    public void checkpoint(Instant at, long seq) {
        lastCheckpoint.set(at.getEpochSecond());
        checkpointedSeq.set(seq);
        if (chainLength.get() <= seq) {
            uncheckpointedSince.set(0);
        }
    }

    public void checkpointInterval(Duration interval) {
        Gauge.builder(CHECKPOINT_INTERVAL, interval, Duration::toSeconds)
                .baseUnit("seconds")
                .description("The configured checkpoint interval")
                .register(registry);
    }

    public void verified(boolean chainIntact) {
        verificationCounter(chainIntact).increment();
    }
}
