package io.storagecatalog.jobs.run;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.storagecatalog.jobs.run.JobStatusRepository.JobStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import org.springframework.batch.core.job.Job;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * What the deployment knows of each job, read from {@code storage_job_status} at start, after each run
 * of this instance and every {@code storage-catalog.jobs.status-refresh}: every instance reports the
 * same figures, whether or not it wins the job's lock, and a restart starts from the truth, not zero.
 */
@Component
class JobStatusGauges {

    /** When the job last completed successfully, on any instance, in seconds since the epoch; NaN before. */
    static final String LAST_SUCCESS = "storage_catalog_job_last_success_timestamp_seconds";
    /** When the deployment first scheduled the job, in seconds since the epoch. */
    static final String SCHEDULED_SINCE = "storage_catalog_job_scheduled_since_timestamp_seconds";
    /** 1 when the job's latest run (on any instance) did not complete, else 0. */
    static final String LAST_RUN_FAILED = "storage_catalog_job_last_run_failed";

    private final JobStatusRepository repository;
    private final Set<String> jobs;
    private final Map<String, JobStatus> known = new ConcurrentHashMap<>();

    JobStatusGauges(JobStatusRepository repository, List<Job> jobs, MeterRegistry registry) {
        this.repository = repository;
        this.jobs = jobs.stream().map(Job::getName).collect(Collectors.toCollection(java.util.TreeSet::new));
        for (String job : this.jobs) {
            gauge(
                    registry,
                    LAST_SUCCESS,
                    job,
                    "When the job last completed successfully",
                    status -> seconds(status.lastSuccess()));
            gauge(
                    registry,
                    SCHEDULED_SINCE,
                    job,
                    "When the deployment first scheduled the job",
                    status -> seconds(status.scheduledSince()));
            gauge(
                    registry,
                    LAST_RUN_FAILED,
                    job,
                    "1 when the job's latest run did not complete",
                    status -> status.lastRunFailed() ? 1 : 0);
        }
    }

    private void gauge(
            MeterRegistry registry, String name, String job, String description, ToDoubleFunction<JobStatus> value) {
        Gauge.builder(name, known, map -> {
                    JobStatus status = map.get(job);
                    return status == null ? Double.NaN : value.applyAsDouble(status);
                })
                .tag(JobMetrics.JOB_LABEL, job)
                .description(description)
                .register(registry);
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        repository.register(jobs);
        refresh();
    }

    /** Records a run's end for the whole deployment. */
    void finished(String job, Instant at, String status, boolean success) {
        repository.finished(job, at, status, success);
        refresh();
    }

    @Scheduled(
            fixedDelayString = "${storage-catalog.jobs.status-refresh:30s}",
            initialDelayString = "${storage-catalog.jobs.status-refresh:30s}")
    void refresh() {
        repository.all().forEach(status -> known.put(status.job(), status));
    }

    private static double seconds(Instant time) {
        return time == null ? Double.NaN : time.getEpochSecond();
    }
}
