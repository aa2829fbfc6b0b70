package io.storagecatalog.common.audit;

import io.storagecatalog.common.kafka.CatalogEventPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies the chain from its start (the last rotated row) to its head, trusting the object store's
 * checkpoint copies over the database's, and reports a violation as a
 * {@code storage.audit.integrity-violation} event naming the first bad row. Every result is recorded in
 * the {@link VerificationRepository}, where the monitoring reads it.
 */
public class IntegrityVerification {

    public static final String VIOLATION_TYPE = "storage.audit.integrity-violation";
    private static final Logger logger = LoggerFactory.getLogger(IntegrityVerification.class);

    private final AuditChainVerifier verifier;
    private final AuditChainRepository chain;
    private final CheckpointStore checkpoints;
    private final CatalogEventPublisher publisher;
    private final VerificationRepository log;

    public IntegrityVerification(
            AuditChainVerifier verifier,
            AuditChainRepository chain,
            CheckpointStore checkpoints,
            CatalogEventPublisher publisher,
            VerificationRepository verificationLog) {
        this.log = verificationLog;
        this.verifier = verifier;
        this.chain = chain;
        this.checkpoints = checkpoints;
        this.publisher = publisher;
    }

    public ChainVerification run() {
        ChainVerification result = verifier.verify(chain.chainStart(), checkpoints.readAll());
        // The violation's event commits with its record, whatever happens to the job that found it.
        log.record(result, () -> {
            if (!result.intact()) {
                publisher.publish(
                        VIOLATION_TYPE,
                        "audit-chain",
                        publisher
                                .newData()
                                .put("seq", result.violation().seq())
                                .put("kind", result.violation().kind().name())
                                .put("detail", result.violation().detail())
                                .put("verifiedFrom", result.fromSeq())
                                .put("rowsChecked", result.rowsChecked()));
            }
        });
        if (result.intact()) {
            logger.info("{}", result);
        } else {
            logger.error("{}", result);
        }
        return result;
    }
}
