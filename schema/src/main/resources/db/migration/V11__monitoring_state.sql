-- What the monitoring reports must be the deployment's truth, not one process's memory: a restarted
-- instance, or one that never wins a job's lock, reads it from here.

-- One row per maintenance job, kept by whichever instance (or `--job` command) finished a run.
-- scheduled_since: when this deployment first scheduled the job, so that a job that never ran is
-- overdue a day after it should have, not at once.
CREATE TABLE storage_job_status (
    job_name        text        PRIMARY KEY,
    scheduled_since timestamptz NOT NULL DEFAULT now(),
    last_success_at timestamptz,
    last_run_at     timestamptz,
    last_status     text,
    CONSTRAINT storage_job_status_name_length CHECK (octet_length(job_name) <= 100)
);

-- The job repository's history, for a deployment that ran jobs before this table existed.
INSERT INTO storage_job_status (job_name, scheduled_since, last_success_at, last_run_at, last_status)
SELECT i.job_name,
       min(e.create_time),
       max(e.end_time) FILTER (WHERE e.status = 'COMPLETED'),
       max(e.end_time),
       (array_agg(e.status ORDER BY e.job_execution_id DESC))[1]
FROM batch_job_instance i
JOIN batch_job_execution e ON e.job_instance_id = i.job_instance_id
GROUP BY i.job_name;

-- Every verification of the audit chain (the scheduled job and `audit-worker --verify`), newest last.
-- One row an hour at the default schedule: about 9,000 a year, read by its primary key.
CREATE TABLE storage_audit_verifications (
    id            bigserial   PRIMARY KEY,
    verified_at   timestamptz NOT NULL DEFAULT now(),
    intact        boolean     NOT NULL,
    from_seq      bigint      NOT NULL,
    to_seq        bigint      NOT NULL,
    rows_checked  bigint      NOT NULL,
    -- The first row that failed, when one did.
    violation_seq bigint
);
