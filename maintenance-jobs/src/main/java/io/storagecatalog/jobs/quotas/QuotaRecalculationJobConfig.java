package io.storagecatalog.jobs.quotas;

import io.storagecatalog.common.audit.MaintenanceTrail;
import io.storagecatalog.common.catalog.QuotaRepository;
import io.storagecatalog.common.catalog.QuotaRepository.Drift;
import io.storagecatalog.jobs.run.JobMetrics;
import io.storagecatalog.jobs.run.JobSteps;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Quota recalculation: recomputes every entity's usage from the file and version rows in one
 * set-based statement (the database aggregates; the job holds only the drifted entities), corrects
 * the drift and reports it (it should always be 0).
 */
@Configuration(proxyBeanMethods = false)
public class QuotaRecalculationJobConfig {

    public static final String JOB_NAME = "quota-recalculation";
    private static final Logger log = LoggerFactory.getLogger(QuotaRecalculationJobConfig.class);

    @Bean
    Job quotaRecalculationJob(JobSteps steps, QuotaRepository quotas, JobMetrics metrics, MaintenanceTrail trail) {
        return steps.job(JOB_NAME, steps.step("recalculate-quotas", (contribution, context) -> {
            List<Drift> drift = quotas.recalculate();
            // Each correction on record, in the transaction that made it.
            trail.append(drift.stream()
                    .map(d -> new MaintenanceTrail.Action(
                            "quota_corrected",
                            d.entityType() + ":" + d.entityId(),
                            Map.of(
                                    "job",
                                    JOB_NAME,
                                    "storedBytes",
                                    d.storedBytes(),
                                    "expectedBytes",
                                    d.expectedBytes(),
                                    "storedFiles",
                                    d.storedFiles(),
                                    "expectedFiles",
                                    d.expectedFiles())))
                    .toList());
            long bytes = drift.stream().mapToLong(d -> Math.abs(d.bytesDrift())).sum();
            metrics.quotaDrift(bytes, drift.size());
            metrics.quotaUtilization(quotas.utilization());
            contribution.incrementWriteCount(drift.size());
            drift.forEach(d -> log.warn(
                    "quota drift corrected: entityType={} bytesDrift={} filesDrift={}",
                    d.entityType(),
                    d.bytesDrift(),
                    d.filesDrift()));
            return RepeatStatus.FINISHED;
        }));
    }
}
