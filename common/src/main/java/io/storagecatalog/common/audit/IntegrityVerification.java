package io.storagecatalog.common.audit;

import io.storagecatalog.common.kafka.CatalogEventPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Audits the trail against its signed evidence ({@link TrailAuditor}: the object store's checkpoints and
 * archive manifests, verified with the trusted public keys) and reports a violation as a
 * {@code storage.audit.integrity-violation} event naming the first bad row. Every result is recorded in
 * the {@link VerificationRepository}, where the monitoring reads it.
 */
public class IntegrityVerification {

    public static final String VIOLATION_TYPE = "storage.audit.integrity-violation";
    private static final Logger logger = LoggerFactory.getLogger(IntegrityVerification.class);

    private final TrailAuditor auditor;
    private final CatalogEventPublisher publisher;
    private final VerificationRepository log;

    public IntegrityVerification(
            TrailAuditor auditor, CatalogEventPublisher publisher, VerificationRepository verificationLog) {
        this.auditor = auditor;
        this.publisher = publisher;
        this.log = verificationLog;
    }

    public ChainVerification run() {
        TrailAuditor.Audit audit = auditor.audit();
        ChainVerification result = audit.result();
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
            logger.info("{}", audit);
        } else {
            logger.error("{}", audit);
        }
        return result;
    }
}
