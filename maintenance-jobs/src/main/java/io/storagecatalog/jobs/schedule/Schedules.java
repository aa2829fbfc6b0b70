package io.storagecatalog.jobs.schedule;

import io.storagecatalog.jobs.JobsProperties;
import io.storagecatalog.jobs.orphans.OrphanReconciliationJobConfig;
import io.storagecatalog.jobs.processed.ProcessedEventsPruningJobConfig;
import io.storagecatalog.jobs.quotas.QuotaRecalculationJobConfig;
import io.storagecatalog.jobs.rotation.AuditRotationJobConfig;
import io.storagecatalog.jobs.run.JobRunner;
import io.storagecatalog.jobs.shares.ShareExpiryJobConfig;
import io.storagecatalog.jobs.statistics.StatisticsJobConfig;
import io.storagecatalog.jobs.verification.AuditVerificationJobConfig;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.batch.core.job.Job;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The schedules: one method per job, each under a ShedLock lock named after the job (database time),
 * so that one instance runs a slot at a time; {@code lockAtMostFor} lies above the job's worst run time.
 * The job runs synchronously inside the lock. Once per slot is the job repository's guarantee (a
 * completed slot is refused), so {@code lockAtLeastFor} stays short (10 s): long enough to keep an
 * instance whose clock is a little late off a slot just run, short enough never to swallow the next
 * slot of a schedule as tight as one a minute (the fault suite runs every job each minute).
 */
@Component
class Schedules {

    private final Map<String, Job> jobs;
    private final JobRunner runner;
    private final JobsProperties properties;

    Schedules(List<Job> jobs, JobRunner runner, JobsProperties properties) {
        this.jobs = jobs.stream().collect(Collectors.toMap(Job::getName, job -> job));
        this.runner = runner;
        this.properties = properties;
    }

    @Scheduled(cron = "${storage-catalog.jobs.orphan-reconciliation.cron:0 30 2 * * *}")
    @SchedulerLock(name = OrphanReconciliationJobConfig.JOB_NAME, lockAtMostFor = "PT6H", lockAtLeastFor = "PT10S")
    void orphanReconciliation() {
        run(
                OrphanReconciliationJobConfig.JOB_NAME,
                properties.orphanReconciliation().enabled());
    }

    @Scheduled(cron = "${storage-catalog.jobs.audit-rotation.cron:0 0 3 * * *}")
    @SchedulerLock(name = AuditRotationJobConfig.JOB_NAME, lockAtMostFor = "PT6H", lockAtLeastFor = "PT10S")
    void auditRotation() {
        run(AuditRotationJobConfig.JOB_NAME, properties.auditRotation().enabled());
    }

    @Scheduled(cron = "${storage-catalog.jobs.statistics.cron:0 10 * * * *}")
    @SchedulerLock(name = StatisticsJobConfig.JOB_NAME, lockAtMostFor = "PT1H", lockAtLeastFor = "PT10S")
    void statistics() {
        run(StatisticsJobConfig.JOB_NAME, properties.statistics().enabled());
    }

    @Scheduled(cron = "${storage-catalog.jobs.quota-recalculation.cron:0 0 4 * * *}")
    @SchedulerLock(name = QuotaRecalculationJobConfig.JOB_NAME, lockAtMostFor = "PT1H", lockAtLeastFor = "PT10S")
    void quotaRecalculation() {
        run(
                QuotaRecalculationJobConfig.JOB_NAME,
                properties.quotaRecalculation().enabled());
    }

    @Scheduled(cron = "${storage-catalog.jobs.share-expiry.cron:0 */15 * * * *}")
    @SchedulerLock(name = ShareExpiryJobConfig.JOB_NAME, lockAtMostFor = "PT30M", lockAtLeastFor = "PT10S")
    void shareExpiry() {
        run(ShareExpiryJobConfig.JOB_NAME, properties.shareExpiry().enabled());
    }

    @Scheduled(cron = "${storage-catalog.jobs.audit-verification.cron:0 45 * * * *}")
    @SchedulerLock(name = AuditVerificationJobConfig.JOB_NAME, lockAtMostFor = "PT2H", lockAtLeastFor = "PT10S")
    void auditVerification() {
        run(AuditVerificationJobConfig.JOB_NAME, properties.auditVerification().enabled());
    }

    @Scheduled(cron = "${storage-catalog.jobs.processed-events-pruning.cron:0 20 3 * * *}")
    @SchedulerLock(name = ProcessedEventsPruningJobConfig.JOB_NAME, lockAtMostFor = "PT2H", lockAtLeastFor = "PT10S")
    void processedEventsPruning() {
        run(
                ProcessedEventsPruningJobConfig.JOB_NAME,
                properties.processedEventsPruning().enabled());
    }

    private void run(String job, boolean enabled) {
        if (properties.scheduling() && enabled) {
            runner.run(jobs.get(job), JobRunner.slotOf(Instant.now()));
        }
    }
}
