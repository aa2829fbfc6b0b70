package io.storagecatalog.jobs.verification;

import io.storagecatalog.common.audit.AuditArchive;
import io.storagecatalog.common.audit.AuditChainRepository;
import io.storagecatalog.common.audit.AuditChainVerifier;
import io.storagecatalog.common.audit.AuditEvidenceAutoConfiguration.TrustedKeys;
import io.storagecatalog.common.audit.ChainVerification;
import io.storagecatalog.common.audit.CheckpointStore;
import io.storagecatalog.common.audit.IntegrityVerification;
import io.storagecatalog.common.audit.OperationRepository;
import io.storagecatalog.common.audit.TrailAuditor;
import io.storagecatalog.common.audit.VerificationRepository;
import io.storagecatalog.common.kafka.CatalogEventPublisher;
import io.storagecatalog.jobs.run.JobSteps;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Audit verification: audits the whole trail against the object store's signed checkpoints and archive
 * manifests ({@link TrailAuditor}); a violation publishes {@code storage.audit.integrity-violation}, is recorded for
 * {@link ChainIntactGauge} (what the critical alert watches) and fails the job.
 */
@Configuration(proxyBeanMethods = false)
public class AuditVerificationJobConfig {

    public static final String JOB_NAME = "audit-verification";

    @Bean
    IntegrityVerification integrityVerification(
            AuditChainVerifier verifier,
            AuditChainRepository chain,
            OperationRepository operations,
            CheckpointStore checkpoints,
            AuditArchive archive,
            TrustedKeys keys,
            CatalogEventPublisher publisher,
            VerificationRepository verificationLog) {
        TrailAuditor auditor = new TrailAuditor(
                checkpoints, archive, verifier, chain, operations, keys.keys(), java.time.Clock.systemUTC());
        return new IntegrityVerification(auditor, publisher, verificationLog);
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
