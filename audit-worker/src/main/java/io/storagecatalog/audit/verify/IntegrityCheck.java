package io.storagecatalog.audit.verify;

import io.storagecatalog.audit.AuditMetrics;
import io.storagecatalog.common.audit.ChainVerification;
import io.storagecatalog.common.audit.IntegrityVerification;
import org.springframework.stereotype.Component;

/** The worker's verification: common's {@link IntegrityVerification}, with the worker's metrics. */
@Component
public class IntegrityCheck {

    private final IntegrityVerification verification;
    private final AuditMetrics metrics;

    public IntegrityCheck(IntegrityVerification verification, AuditMetrics metrics) {
        this.verification = verification;
        this.metrics = metrics;
    }

    public ChainVerification run() {
        ChainVerification result = verification.run();
        metrics.verified(result.intact());
        return result;
    }
}
