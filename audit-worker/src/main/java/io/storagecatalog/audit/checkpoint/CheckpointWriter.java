package io.storagecatalog.audit.checkpoint;

import io.storagecatalog.audit.AuditMetrics;
import io.storagecatalog.audit.AuditProperties;
import io.storagecatalog.common.audit.AuditChainRepository;
import io.storagecatalog.common.audit.AuditChainRepository.ChainHead;
import io.storagecatalog.common.audit.AuditChainRepository.Checkpoint;
import io.storagecatalog.common.audit.CheckpointStore;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Checkpoints the chain head periodically: a row in {@code storage_audit_checkpoints} and a copy in
 * the object store ({@code checkpoints/<seq>.json}), so that rewriting history before a checkpoint
 * needs write access to both. Several instances may checkpoint the same head: that is one checkpoint.
 */
@Component
public class CheckpointWriter {

    private static final Logger log = LoggerFactory.getLogger(CheckpointWriter.class);

    private final AuditChainRepository chain;
    private final CheckpointStore store;
    private final AuditProperties properties;
    private final AuditMetrics metrics;

    public CheckpointWriter(
            AuditChainRepository chain, CheckpointStore store, AuditProperties properties, AuditMetrics metrics) {
        this.chain = chain;
        this.store = store;
        this.properties = properties;
        this.metrics = metrics;
        if (properties.checkpoints()) {
            metrics.checkpointInterval(properties.checkpointInterval());
        }
    }

    /** The metrics start from the database's state, not from zero: a restart hides no waiting rows. */
    @EventListener(ApplicationReadyEvent.class)
    void readState() {
        chain.latestCheckpoint()
                .filter(checkpoint -> checkpoint.objectKey() != null)
                .ifPresent(checkpoint -> metrics.checkpoint(checkpoint.createdAt(), checkpoint.seq()));
        metrics.chainLength(chain.head().seq());
    }

    @Scheduled(
            fixedDelayString = "${storage-catalog.audit.checkpoint-interval:5m}",
            initialDelayString = "${storage-catalog.audit.checkpoint-interval:5m}")
    void scheduled() {
        if (properties.checkpoints()) {
            checkpoint();
        }
    }

    /** Checkpoints the current head unless it is checkpointed already; returns the checkpoint. */
    public Optional<Checkpoint> checkpoint() {
        ChainHead head = chain.head();
        Optional<Checkpoint> latest = chain.latestCheckpoint();
        if (head.seq() == 0
                || latest.isPresent()
                        && latest.get().seq() == head.seq()
                        && latest.get().objectKey() != null) {
            return latest;
        }
        Checkpoint checkpoint = new Checkpoint(head.seq(), head.rowHash(), head.seq(), Instant.now(), null);
        chain.saveCheckpoint(checkpoint);
        String object = store.write(checkpoint);
        chain.markCheckpointStored(head.seq(), object);
        metrics.checkpoint(checkpoint.createdAt(), head.seq());
        log.info("audit checkpoint written: seq={} object={}", head.seq(), object);
        return Optional.of(checkpoint);
    }
}
