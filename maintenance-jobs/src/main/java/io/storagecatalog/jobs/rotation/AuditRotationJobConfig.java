package io.storagecatalog.jobs.rotation;

import io.storagecatalog.common.audit.AuditRotation;
import io.storagecatalog.common.audit.AuditRotation.Segment;
import io.storagecatalog.jobs.JobsProperties;
import io.storagecatalog.jobs.run.JobFaults;
import io.storagecatalog.jobs.run.JobSteps;
import java.time.Instant;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Audit rotation: rows recorded before the retention horizon are archived, one segment per
 * transaction, as compressed NDJSON with a manifest; the upload is read back and checked; only then
 * are the rows removed, through {@code storage_audit_rotate}, the one path the table allows. The chain
 * stays verifiable: verification starts after the last rotated row, whose hash the rotation records.
 */
@Configuration(proxyBeanMethods = false)
public class AuditRotationJobConfig {

    public static final String JOB_NAME = "audit-rotation";

    @Bean
    Job auditRotationJob(JobSteps steps, AuditRotation rotation, JobsProperties properties, JobFaults faults) {
        JobsProperties.AuditRotation settings = properties.auditRotation();
        return steps.job(JOB_NAME, steps.step("archive-and-rotate", (contribution, context) -> {
            Instant cutoff = Instant.now().minus(settings.retention());
            AuditRotation.Range range = rotation.nextRange(cutoff, settings.segmentRows());
            if (range == null) {
                return RepeatStatus.FINISHED;
            }
            faults.beforeUnit(JOB_NAME, range.chain() + ":" + range.first() + "-" + range.last());
            Segment segment = rotation.rotate(range);
            contribution.incrementReadCount();
            contribution.incrementWriteCount(segment.removed());
            // The next look finds the next segment, of this chain or another, or finishes.
            return RepeatStatus.CONTINUABLE;
        }));
    }
}
