package io.storagecatalog.jobs.run;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * The meters of this instance's job runs; the only label values are the job names and fixed words. The
 * label is {@code job_name}, never {@code job}: a Prometheus scrape renames a target's own {@code job}
 * label. What the deployment as a whole knows of each job (last success, last run failed) is in
 * {@link JobStatusGauges}.
 */
@Component
public class JobMetrics {

    /** Run time of a job execution, by {@code job_name} and {@code status}. */
    public static final String DURATION = "storage_catalog_job_duration";
    /** Items handled, by {@code job_name} and {@code kind} (read, written, skipped). */
    public static final String ITEMS = "storage_catalog_job_items";
    /** Failed executions run by this instance, by {@code job_name}. */
    public static final String FAILURES = "storage_catalog_job_failures";
    /** Quota usage found drifted by the recalculation (bytes; always 0 when ingest is exact). */
    public static final String QUOTA_DRIFT = "storage_catalog_quota_drift_bytes";
    /** Entities whose usage was corrected by the last recalculation. */
    public static final String QUOTA_DRIFT_ENTITIES = "storage_catalog_quota_drift_entities";
    /** Distribution of limited quotas' byte usage over their limit (1 = full). */
    public static final String QUOTA_UTILIZATION = "storage_catalog_quota_utilization_ratio";
    /** Files the reconciliation found without their object (or with another size) and marked corrupted. */
    public static final String FILES_CORRUPTED = "storage_catalog_files_marked_corrupted";

    static final String JOB_LABEL = "job_name";

    private final MeterRegistry registry;
    private final AtomicLong quotaDrift = new AtomicLong();
    private final AtomicLong quotaDriftEntities = new AtomicLong();
    private final DistributionSummary quotaUtilization;
    private final Counter filesCorrupted;

    public JobMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder(QUOTA_DRIFT, quotaDrift, AtomicLong::get)
                .baseUnit("bytes")
                .description("Absolute quota drift found by the last recalculation")
                .register(registry);
        Gauge.builder(QUOTA_DRIFT_ENTITIES, quotaDriftEntities, AtomicLong::get)
                .description("Entities corrected by the last quota recalculation")
                .register(registry);
        this.quotaUtilization = DistributionSummary.builder(QUOTA_UTILIZATION)
                .description("Byte usage of limited quotas as a share of their limit, at each recalculation")
                .serviceLevelObjectives(0.25, 0.5, 0.75, 0.9, 1.0, 1.25)
                .register(registry);
        this.filesCorrupted = Counter.builder(FILES_CORRUPTED)
                .description("Files marked corrupted by the reconciliation")
                .register(registry);
    }

    /** Registers the job's meters at zero, so that alerts see the first failure as an increase. */
    public void register(String job) {
        failures(job);
        duration(job, true);
        duration(job, false);
    }

    public void finished(String job, boolean success, Duration duration, long read, long written, long skipped) {
        register(job);
        duration(job, success).record(duration);
        items(job, "read", read);
        items(job, "written", written);
        items(job, "skipped", skipped);
        if (!success) {
            failures(job).increment();
        }
    }

    private Timer duration(String job, boolean success) {
        return Timer.builder(DURATION)
                .tag(JOB_LABEL, job)
                .tag("status", success ? "completed" : "failed")
                .description("Run time of maintenance job executions")
                .register(registry);
    }

    private Counter failures(String job) {
        return Counter.builder(FAILURES)
                .tag(JOB_LABEL, job)
                .description("Failed maintenance job executions")
                .register(registry);
    }

    /** Records each limited entity's byte usage as a share of its limit (the quota utilization distribution). */
    public void quotaUtilization(List<Double> ratios) {
        ratios.forEach(quotaUtilization::record);
    }

    public void quotaDrift(long absoluteBytes, int entities) {
        quotaDrift.set(absoluteBytes);
        quotaDriftEntities.set(entities);
    }

    public void filesCorrupted(int count) {
        filesCorrupted.increment(count);
    }

    private void items(String job, String kind, long count) {
        Counter.builder(ITEMS)
                .tag(JOB_LABEL, job)
                .tag("kind", kind)
                .description("Items handled by maintenance jobs")
                .register(registry)
                .increment(count);
    }
}
