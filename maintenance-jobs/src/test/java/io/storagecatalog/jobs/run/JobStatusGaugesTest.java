package io.storagecatalog.jobs.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.core.instrument.MeterRegistry;
import io.storagecatalog.jobs.JobsTestSupport;
import io.storagecatalog.jobs.shares.ShareExpiryJobConfig;
import io.storagecatalog.jobs.statistics.StatisticsJobConfig;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;

/** Every instance reports the deployment's record of each job, from the database, not from its own runs. */
class JobStatusGaugesTest extends JobsTestSupport {

    @Autowired
    JobStatusGauges gauges;

    @Autowired
    MeterRegistry registry;

    @Test
    void reportsRunsOfOtherInstancesAndAJobNeverRunAsScheduledSinceItsFirstStart() {
        Instant elsewhere = Instant.now().minus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        jdbc.update(
                "UPDATE storage_job_status SET last_success_at = ?, last_run_at = ?, last_status = 'COMPLETED' "
                        + "WHERE job_name = 'statistics'",
                Timestamp.from(elsewhere),
                Timestamp.from(elsewhere));
        jdbc.update("UPDATE storage_job_status SET last_run_at = now(), last_status = 'FAILED' "
                + "WHERE job_name = 'audit-rotation'");

        gauges.refresh();

        assertThat(gauge(JobStatusGauges.LAST_SUCCESS, StatisticsJobConfig.JOB_NAME))
                .isEqualTo(elsewhere.getEpochSecond());
        assertThat(gauge(JobStatusGauges.LAST_RUN_FAILED, StatisticsJobConfig.JOB_NAME))
                .isZero();
        assertThat(gauge(JobStatusGauges.LAST_RUN_FAILED, "audit-rotation")).isEqualTo(1);
        assertThat(gauge(JobStatusGauges.LAST_SUCCESS, "audit-rotation")).isNaN();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM storage_job_status", Integer.class))
                .isEqualTo(7);
        assertThat(gauge(JobStatusGauges.SCHEDULED_SINCE, "orphan-reconciliation"))
                .isCloseTo(Instant.now().getEpochSecond(), within(600.0));
    }

    @Test
    void aRunOfThisInstanceIsRecordedForTheDeployment() {
        assertThat(run(ShareExpiryJobConfig.JOB_NAME).getStatus()).isEqualTo(BatchStatus.COMPLETED);

        assertThat(jdbc.queryForObject(
                        "SELECT last_status FROM storage_job_status WHERE job_name = ?",
                        String.class,
                        ShareExpiryJobConfig.JOB_NAME))
                .isEqualTo("COMPLETED");
        assertThat(gauge(JobStatusGauges.LAST_SUCCESS, ShareExpiryJobConfig.JOB_NAME))
                .isCloseTo(Instant.now().getEpochSecond(), within(60.0));
        assertThat(gauge(JobStatusGauges.LAST_RUN_FAILED, ShareExpiryJobConfig.JOB_NAME))
                .isZero();
    }

    private double gauge(String name, String job) {
        return registry.get(name).tag(JobMetrics.JOB_LABEL, job).gauge().value();
    }
}
