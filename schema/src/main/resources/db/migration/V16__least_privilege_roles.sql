-- Least privilege: one group role per process, each with only what that process does. The migrations
-- run as the owner of the tables; the workers log in as members of these roles (docs/security.md):
--   CREATE ROLE ingest_worker LOGIN PASSWORD '...' IN ROLE storage_catalog_ingest;
-- No runtime role may change the trail: UPDATE, DELETE, TRUNCATE, DDL and trigger changes on
-- storage_operations belong to the owner alone, and rows leave only through storage_audit_rotate.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'storage_catalog_ingest') THEN
        CREATE ROLE storage_catalog_ingest NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'storage_catalog_audit') THEN
        CREATE ROLE storage_catalog_audit NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'storage_catalog_maintenance') THEN
        CREATE ROLE storage_catalog_maintenance NOLOGIN;
    END IF;
END;
$$;

REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO storage_catalog_ingest, storage_catalog_audit, storage_catalog_maintenance;

-- The ingest worker: the catalog's state, its own deduplication and order, notices, and denied events on
-- the trail (appended, never changed).
GRANT SELECT, INSERT, UPDATE, DELETE ON storage_files TO storage_catalog_ingest;
GRANT SELECT, INSERT, UPDATE ON storage_file_versions, storage_file_shares, storage_quotas,
    storage_object_sequences TO storage_catalog_ingest;
GRANT SELECT, INSERT, DELETE ON storage_processed_events TO storage_catalog_ingest;
-- The relay claims the outbox's rows with SELECT ... FOR UPDATE, which needs UPDATE.
GRANT SELECT, INSERT, UPDATE, DELETE ON storage_outbox TO storage_catalog_ingest;
GRANT SELECT, INSERT ON storage_operations TO storage_catalog_ingest;
GRANT SELECT, UPDATE ON storage_audit_chain_head TO storage_catalog_ingest;

-- The audit worker: appends to the trail and checkpoints it; relays the catalog's events.
GRANT SELECT, INSERT ON storage_operations, storage_audit_verifications TO storage_catalog_audit;
GRANT SELECT, INSERT ON storage_audit_checkpoints TO storage_catalog_audit;
-- A checkpoint's hash is never changed; only where its copy in the object store lies is filled in.
GRANT UPDATE (object_key) ON storage_audit_checkpoints TO storage_catalog_audit;
GRANT SELECT, UPDATE ON storage_audit_chain_head TO storage_catalog_audit;
GRANT SELECT ON storage_audit_rotations TO storage_catalog_audit;
GRANT SELECT, INSERT, UPDATE, DELETE ON storage_outbox TO storage_catalog_audit;

-- The maintenance jobs: the catalog's upkeep, their own bookkeeping (Spring Batch, ShedLock), the trail's
-- maintenance rows (appended) and its rotation (through the function only).
GRANT SELECT, INSERT, UPDATE, DELETE ON storage_files, storage_file_versions, storage_file_shares,
    storage_quotas, storage_processed_events, storage_object_sequences, storage_outbox,
    storage_daily_statistics, storage_orphan_objects, storage_job_status, shedlock,
    BATCH_JOB_INSTANCE, BATCH_JOB_EXECUTION, BATCH_JOB_EXECUTION_PARAMS, BATCH_STEP_EXECUTION,
    BATCH_STEP_EXECUTION_CONTEXT, BATCH_JOB_EXECUTION_CONTEXT TO storage_catalog_maintenance;
GRANT SELECT, INSERT ON storage_operations, storage_audit_verifications TO storage_catalog_maintenance;
GRANT SELECT, INSERT ON storage_audit_checkpoints TO storage_catalog_maintenance;
GRANT UPDATE (object_key) ON storage_audit_checkpoints TO storage_catalog_maintenance;
GRANT SELECT, UPDATE ON storage_audit_chain_head TO storage_catalog_maintenance;
GRANT SELECT ON storage_audit_rotations TO storage_catalog_maintenance;

GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO storage_catalog_ingest, storage_catalog_audit,
    storage_catalog_maintenance;

-- Rotation runs with the owner's rights, checks what it may remove (from the oldest row, a row that
-- exists), and is the only caller the append-only trigger lets delete: a session that sets the flag
-- itself is not the owner and is refused.
ALTER FUNCTION storage_audit_rotate(bigint, bigint, text) SECURITY DEFINER SET search_path = public, pg_temp;
REVOKE ALL ON FUNCTION storage_audit_rotate(bigint, bigint, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION storage_audit_rotate(bigint, bigint, text) TO storage_catalog_maintenance;

CREATE OR REPLACE FUNCTION storage_operations_append_only() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('storage_catalog.audit_rotation', true) = 'on'
            AND current_user = (SELECT pg_get_userbyid(p.proowner) FROM pg_proc p
                                WHERE p.oid = 'storage_audit_rotate(bigint, bigint, text)'::regprocedure) THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'storage_operations is append-only: % is not allowed (audit rows leave only through storage_audit_rotate)', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;
