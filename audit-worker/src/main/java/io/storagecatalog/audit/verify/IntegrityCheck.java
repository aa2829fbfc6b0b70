package io.storagecatalog.audit.verify;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.storagecatalog.audit.AuditMetrics;
import io.storagecatalog.common.audit.AuditChainRepository;
import io.storagecatalog.common.audit.AuditChainVerifier;
import io.storagecatalog.common.audit.ChainVerification;
import io.storagecatalog.common.audit.CheckpointStore;
import io.storagecatalog.common.kafka.CatalogEventPublisher;

/**
 * Verifies the chain from its start (the last rotated row) to its head, trusting the object store's
 * checkpoint copies over the database's, and reports a violation: a metric and a
 * {@code storage.audit.integrity-violation} event naming the first bad row.
 */
@Component
public class IntegrityCheck {

    public static final String VIOLATION_TYPE = "storage.audit.integrity-violation";
    private static final Logger log = LoggerFactory.getLogger(IntegrityCheck.class);

    private final AuditChainVerifier verifier;
    private final AuditChainRepository chain;
    private final CheckpointStore checkpoints;
    private final CatalogEventPublisher publisher;
    private final AuditMetrics metrics;

    public IntegrityCheck(AuditChainVerifier verifier, AuditChainRepository chain, CheckpointStore checkpoints,
            CatalogEventPublisher publisher, AuditMetrics metrics) {
        this.verifier = verifier;
        this.chain = chain;
        this.checkpoints = checkpoints;
        this.publisher = publisher;
        this.metrics = metrics;
    }

    public ChainVerification run() {
        ChainVerification result = verifier.verify(chain.chainStart(), checkpoints.readAll());
        metrics.verified(result.intact());
        if (result.intact()) {
            log.info("{}", result);
        } else {
            log.error("{}", result);
            publisher.publish(VIOLATION_TYPE, "audit-chain", publisher.newData()
                    .put("seq", result.violation().seq())
                    .put("kind", result.violation().kind().name())
                    .put("detail", result.violation().detail())
                    .put("verifiedFrom", result.fromSeq())
                    .put("rowsChecked", result.rowsChecked()));
        }
        return result;
    }
}
