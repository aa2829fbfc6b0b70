package io.storagecatalog.jobs.run;

import io.storagecatalog.common.kafka.CatalogEventPublisher;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs a job for a schedule slot, synchronously, in the Spring Batch JDBC job repository. The slot is
 * the job instance's identifying parameter: a slot completes at most once whatever the number of
 * instances (ShedLock keeps the others out while it runs; the repository refuses a completed slot),
 * and a slot whose execution failed is restarted where it stopped when it is launched again.
 */
@Component
public class JobRunner {

    public static final String COMPLETED_TYPE = "storage.maintenance.completed";
    private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

    private final JobOperator jobOperator;
    private final JobMetrics metrics;
    private final CatalogEventPublisher publisher;
    private final JobStatusGauges status;
    private final TransactionTemplate transactions;

    JobRunner(
            JobOperator jobOperator,
            JobMetrics metrics,
            CatalogEventPublisher publisher,
            JobStatusGauges status,
            TransactionTemplate transactions) {
        this.status = status;
        this.transactions = transactions;
        this.jobOperator = jobOperator;
        this.metrics = metrics;
        this.publisher = publisher;
    }

    /** The slot of a scheduled run: the scheduled minute, the same on every instance. */
    public static String slotOf(Instant now) {
        return now.truncatedTo(ChronoUnit.MINUTES).toString();
    }

    /** Runs the job for the slot; returns its execution, or null when the slot already completed. */
    public JobExecution run(Job job, String slot) {
        JobParameters parameters =
                new JobParametersBuilder().addString("slot", slot).toJobParameters();
        JobExecution execution;
        try {
            execution = jobOperator.start(job, parameters);
        } catch (JobInstanceAlreadyCompleteException | JobExecutionAlreadyRunningException | DuplicateKeyException e) {
            // DuplicateKeyException: another instance created the slot's job instance at the same moment.
            log.info(
                    "job skipped: job={} slot={} reason={}",
                    job.getName(),
                    slot,
                    e.getClass().getSimpleName());
            return null;
        } catch (Exception e) {
            throw new IllegalStateException("could not launch job " + job.getName() + " for slot " + slot, e);
        }
        report(job.getName(), slot, execution);
        return execution;
    }

    private void report(String job, String slot, JobExecution execution) {
        boolean success = execution.getStatus() == BatchStatus.COMPLETED;
        long read = 0;
        long written = 0;
        long skipped = 0;
        ObjectNode steps = publisher.newData();
        for (StepExecution step : execution.getStepExecutions()) {
            read += step.getReadCount();
            written += step.getWriteCount();
            skipped += step.getSkipCount() + step.getFilterCount();
            ObjectNode stepData = steps.putObject(step.getStepName())
                    .put("read", step.getReadCount())
                    .put("written", step.getWriteCount())
                    .put("skipped", step.getSkipCount() + step.getFilterCount())
                    .put("status", step.getStatus().name());
            // What a completed step could not reach (a missing bucket); a failed step's description is its
            // stack trace, which may quote data, and is left in the job repository.
            String description = step.getExitStatus().getExitDescription();
            if (step.getStatus() == BatchStatus.COMPLETED && description != null && !description.isBlank()) {
                stepData.put("note", description);
            }
        }
        Duration duration = execution.getStartTime() == null || execution.getEndTime() == null
                ? Duration.ZERO
                : Duration.between(execution.getStartTime(), execution.getEndTime());
        metrics.finished(job, success, duration, read, written, skipped);
        log.info(
                "job finished: job={} slot={} status={} read={} written={} skipped={} durationMs={}",
                job,
                slot,
                execution.getStatus(),
                read,
                written,
                skipped,
                duration.toMillis());
        ObjectNode data = publisher
                .newData()
                .put("job", job)
                .put("slot", slot)
                .put("status", execution.getStatus().name())
                .put("read", read)
                .put("written", written)
                .put("skipped", skipped)
                .put("durationMs", duration.toMillis());
        data.set("steps", steps);
        // The run's end on record and its announcement commit together.
        transactions.executeWithoutResult(tx -> {
            status.finished(job, Instant.now(), execution.getStatus().name(), success);
            publisher.publish(COMPLETED_TYPE, job, data);
        });
    }

    /** A step iteration's counts, for progress lines. */
    static String progress(StepExecution step) {
        return "step=" + step.getStepName() + " read=" + step.getReadCount() + " written=" + step.getWriteCount()
                + " skipped=" + (step.getSkipCount() + step.getFilterCount()) + " at=" + Instant.now();
    }
}
