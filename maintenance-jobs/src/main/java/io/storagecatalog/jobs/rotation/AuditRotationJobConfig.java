package io.storagecatalog.jobs.rotation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.storagecatalog.common.audit.AuditArchive;
import io.storagecatalog.common.audit.AuditRow;
import io.storagecatalog.common.audit.OperationRepository;
import io.storagecatalog.jobs.JobsProperties;
import io.storagecatalog.jobs.run.JobFaults;
import io.storagecatalog.jobs.run.JobSteps;

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
    Job auditRotationJob(JobSteps steps, OperationRepository operations, AuditArchive archive,
            JobsProperties properties, JobFaults faults) {
        JobsProperties.AuditRotation settings = properties.auditRotation();
        return steps.job(JOB_NAME, steps.step("archive-and-rotate", (contribution, context) -> {
            Long last = operations.lastRecordedBefore(Instant.now().minus(settings.retention()));
            Long first = operations.oldestSeq();
            if (last == null || first == null || first > last) {
                return RepeatStatus.FINISHED;
            }
            long end = Math.min(first + settings.segmentRows() - 1, last);
            faults.beforeUnit(JOB_NAME, first + "-" + end);
            List<AuditRow> rows = new ArrayList<>();
            operations.streamChain(first - 1, end, 1000, rows::add);
            contribution.incrementReadCount();
            String manifest = archive.archive(rows);
            contribution.incrementWriteCount(operations.rotate(first, end, manifest));
            return end < last ? RepeatStatus.CONTINUABLE : RepeatStatus.FINISHED;
        }));
    }
}
