package io.storagecatalog.audit.checkpoint;

import io.storagecatalog.audit.AuditMetrics;
import io.storagecatalog.audit.AuditProperties;
import io.storagecatalog.common.audit.AuditChainRepository;
import io.storagecatalog.common.audit.CheckpointSealer;
import io.storagecatalog.common.audit.SignedCheckpoint;
import io.storagecatalog.common.audit.SignedCheckpointRepository;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Seals signed checkpoints on the configured cadence ({@link CheckpointSealer}): the schedule asks four
 * times per interval whether one is due, so that the cadence holds within a quarter of it whichever
 * instance asks; every instance asks, one seals.
 */
@Component
public class CheckpointWriter {

    private static final Logger log = LoggerFactory.getLogger(CheckpointWriter.class);

    private final ObjectProvider<CheckpointSealer> sealer;
    private final SignedCheckpointRepository checkpoints;
    private final AuditChainRepository chain;
    private final AuditProperties properties;
    private final AuditMetrics metrics;
    private final TaskScheduler scheduler;
    private java.util.concurrent.ScheduledFuture<?> schedule;

    public CheckpointWriter(
            ObjectProvider<CheckpointSealer> sealer,
            SignedCheckpointRepository checkpoints,
            AuditChainRepository chain,
            AuditProperties properties,
            AuditMetrics metrics,
            TaskScheduler scheduler) {
        this.sealer = sealer;
        this.checkpoints = checkpoints;
        this.chain = chain;
        this.properties = properties;
        this.metrics = metrics;
        this.scheduler = scheduler;
        if (properties.checkpoints()) {
            metrics.checkpointInterval(properties.checkpointInterval());
        }
    }

    /** The metrics start from the database's state, not from zero: a restart hides no waiting rows. */
    @EventListener(ApplicationReadyEvent.class)
    void start() {
        checkpoints
                .latest()
                .filter(held -> held.objectKey() != null)
                .map(SignedCheckpointRepository.Held::checkpoint)
                .ifPresent(this::measured);
        metrics.chainLength(chain.length());
        if (properties.checkpoints()) {
            Duration tick = properties.checkpointInterval().dividedBy(4);
            schedule = scheduler.scheduleWithFixedDelay(this::scheduled, tick.isZero() ? Duration.ofMillis(1) : tick);
        }
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        if (schedule != null) {
            schedule.cancel(false);
        }
    }

    void scheduled() {
        try {
            checkpoint();
        } catch (RuntimeException e) {
            // The next tick tries again; the gauges show the checkpoint overdue meanwhile.
            log.error("audit checkpoint failed: {}", e.getMessage());
        }
    }

    /** Seals a checkpoint if one is due and stores what is not stored; returns the checkpoint sealed. */
    public Optional<SignedCheckpoint> checkpoint() {
        Optional<SignedCheckpoint> sealed = sealer.getObject().sealIfDue();
        sealed.ifPresent(this::measured);
        return sealed;
    }

    /** Seals a checkpoint now, whatever the cadence. */
    public SignedCheckpoint sealNow() {
        SignedCheckpoint sealed = sealer.getObject().seal();
        measured(sealed);
        return sealed;
    }

    private void measured(SignedCheckpoint checkpoint) {
        metrics.checkpoint(
                checkpoint.statement().time(),
                checkpoint.statement().chains().stream()
                        .mapToLong(SignedCheckpoint.ChainSeal::size)
                        .sum());
    }
}
