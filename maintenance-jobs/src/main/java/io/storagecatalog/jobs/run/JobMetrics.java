package io.storagecatalog.jobs.run;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** Per-job meters; the only label values are the job names and fixed words. */
@Component
public class JobMetrics {

    /** Run time of a job execution, by {@code job} and {@code status}. */
    public static final String DURATION = "storage_catalog_job_duration";
    /** Items handled, by {@code job} and {@code kind} (read, written, skipped). */
    public static final String ITEMS = "storage_catalog_job_items";
    /** When the job last completed successfully, in seconds since the epoch. */
    public static final String LAST_SUCCESS = "storage_catalog_job_last_success_timestamp_seconds";
    /** Failed executions, by {@code job}. */
    public static final String FAILURES = "storage_catalog_job_failures";
    /** Quota usage found drifted by the recalculation (bytes; always 0 when ingest is exact). */
    public static final String QUOTA_DRIFT = "storage_catalog_quota_drift_bytes";
    /** Entities whose usage was corrected by the last recalculation. */
    public static final String QUOTA_DRIFT_ENTITIES = "storage_catalog_quota_drift_entities";
    /** Distribution of limited quotas' byte usage over their limit (1 = full). */
    public static final String QUOTA_UTILIZATION = "storage_catalog_quota_utilization_ratio";

    private final MeterRegistry registry;
    private final Map<String, AtomicLong> lastSuccess = new ConcurrentHashMap<>();
    private final AtomicLong quotaDrift = new AtomicLong();
    private final AtomicLong quotaDriftEntities = new AtomicLong();
    private final io.micrometer.core.instrument.DistributionSummary quotaUtilization;

    public JobMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder(QUOTA_DRIFT, quotaDrift, AtomicLong::get).baseUnit("bytes")
                .description("Absolute quota drift found by the last recalculation").register(registry);
        Gauge.builder(QUOTA_DRIFT_ENTITIES, quotaDriftEntities, AtomicLong::get)
                .description("Entities corrected by the last quota recalculation").register(registry);
        this.quotaUtilization = io.micrometer.core.instrument.DistributionSummary.builder(QUOTA_UTILIZATION)
                .description("Byte usage of limited quotas as a share of their limit, at each recalculation")
                .serviceLevelObjectives(0.25, 0.5, 0.75, 0.9, 1.0, 1.25).register(registry);
    }

    /** Registers the job's last-success gauge (0 until it first succeeds), so alerts see it from the start. */
    public void register(String job) {
        failures(job);
        duration(job, true);
        duration(job, false);
        lastSuccess.computeIfAbsent(job, name -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder(LAST_SUCCESS, value, AtomicLong::get).tag("job", name)
                    .description("When the job last completed successfully").register(registry);
            return value;
        });
    }

    public void finished(String job, boolean success, Duration duration, long read, long written, long skipped) {
        register(job);
        duration(job, success).record(duration);
        items(job, "read", read);
        items(job, "written", written);
        items(job, "skipped", skipped);
        if (success) {
            lastSuccess.get(job).set(Instant.now().getEpochSecond());
        } else {
            failures(job).increment();
        }
    }

    private Timer duration(String job, boolean success) {
        return Timer.builder(DURATION).tag("job", job).tag("status", success ? "completed" : "failed")
                .description("Run time of maintenance job executions").register(registry);
    }

    private Counter failures(String job) {
        return Counter.builder(FAILURES).tag("job", job).description("Failed maintenance job executions")
                .register(registry);
    }

    /** Records each limited entity's byte usage as a share of its limit (the quota utilization distribution). */
    public void quotaUtilization(java.util.List<Double> ratios) {
        ratios.forEach(quotaUtilization::record);
    }

    public void quotaDrift(long absoluteBytes, int entities) {
        quotaDrift.set(absoluteBytes);
        quotaDriftEntities.set(entities);
    }

    private void items(String job, String kind, long count) {
        Counter.builder(ITEMS).tag("job", job).tag("kind", kind).description("Items handled by maintenance jobs")
                .register(registry).increment(count);
    }
}
