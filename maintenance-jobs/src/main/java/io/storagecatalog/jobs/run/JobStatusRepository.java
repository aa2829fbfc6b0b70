package io.storagecatalog.jobs.run;

import io.storagecatalog.common.jdbc.Sql;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * All SQL of {@code storage_job_status}: one row per job, the deployment's record of when each job was
 * first scheduled, last ran and last succeeded, whichever instance ran it.
 */
@Component
class JobStatusRepository {

    private static final String REGISTER = """
            INSERT INTO storage_job_status (job_name) SELECT unnest(?::text[]) ON CONFLICT (job_name) DO NOTHING
            """;
    private static final String FINISHED = """
            INSERT INTO storage_job_status AS s (job_name, last_run_at, last_status, last_success_at)
            VALUES (?, ?, ?, CASE WHEN ? THEN ?::timestamptz END)
            ON CONFLICT (job_name) DO UPDATE SET last_run_at = excluded.last_run_at,
                last_status = excluded.last_status,
                last_success_at = coalesce(excluded.last_success_at, s.last_success_at)
            """;
    // Bounded by the number of jobs (a handful).
    private static final String ALL = """
            SELECT job_name, scheduled_since, last_success_at, last_status FROM storage_job_status
            """;

    private final JdbcTemplate jdbc;

    JobStatusRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A job's row as the monitoring reads it; {@code lastSuccess} and {@code lastStatus} null before its first run. */
    record JobStatus(String job, Instant scheduledSince, Instant lastSuccess, String lastStatus) {

        boolean lastRunFailed() {
            return lastStatus != null && !lastStatus.equals("COMPLETED");
        }
    }

    /** Starts tracking the jobs this deployment schedules (those already tracked keep their rows). */
    void register(Collection<String> jobs) {
        jdbc.update(connection -> {
            PreparedStatement ps = connection.prepareStatement(REGISTER);
            ps.setArray(1, Sql.textArray(connection, jobs));
            return ps;
        });
    }

    void finished(String job, Instant at, String status, boolean success) {
        jdbc.update(connection -> {
            PreparedStatement ps = connection.prepareStatement(FINISHED);
            ps.setString(1, job);
            Sql.setTime(ps, 2, at);
            ps.setString(3, status);
            ps.setBoolean(4, success);
            Sql.setTime(ps, 5, at);
            return ps;
        });
    }

    List<JobStatus> all() {
        return jdbc.query(
                ALL,
                (rs, n) -> new JobStatus(
                        rs.getString("job_name"),
                        Sql.time(rs, "scheduled_since"),
                        Sql.time(rs, "last_success_at"),
                        rs.getString("last_status")));
    }
}
