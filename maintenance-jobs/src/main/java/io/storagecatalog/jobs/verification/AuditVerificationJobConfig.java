package io.storagecatalog.jobs.verification;

import io.storagecatalog.common.audit.AuditChainRepository;
import io.storagecatalog.common.audit.AuditChainVerifier;
import io.storagecatalog.common.audit.ChainVerification;
import io.storagecatalog.common.audit.CheckpointStore;
import io.storagecatalog.common.audit.IntegrityVerification;
import io.storagecatalog.common.audit.VerificationRepository;
import io.storagecatalog.common.kafka.CatalogEventPublisher;
import io.storagecatalog.jobs.run.JobSteps;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Audit verification: walks the chain from its start (after the last rotated row) with the object
 * store's checkpoints; a violation publishes {@code storage.audit.integrity-violation}, is recorded for
 * {@link ChainIntactGauge} (what the critical alert watches) and fails the job.
 */
@Configuration(proxyBeanMethods = false)
public class AuditVerificationJobConfig {

    public static final String JOB_NAME = "audit-verification";

    @Bean
    IntegrityVerification integrityVerification(
            AuditChainVerifier verifier,
            AuditChainRepository chain,
            CheckpointStore checkpoints,
            CatalogEventPublisher publisher,
            VerificationRepository verificationLog) {
        return new IntegrityVerification(verifier, chain, checkpoints, publisher, verificationLog);
    }

    @Bean
    Job auditVerificationJob(JobSteps steps, IntegrityVerification verification, ChainIntactGauge gauge) {
        return steps.job(JOB_NAME, steps.step("verify-audit-chain", (contribution, context) -> {
            ChainVerification result = verification.run();
            gauge.refresh();
            contribution.incrementReadCount();
            if (!result.intact()) {
                throw new IllegalStateException(result.toString());
            }
            return RepeatStatus.FINISHED;
        }));
    }
}
