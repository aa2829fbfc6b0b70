-- The audit trail's hash chain: its head, its checkpoints, and the rule that nothing but the rotation
-- path ever changes a committed row.

-- The head of the chain: the last row's position and hash. Every append locks this single row
-- (SELECT ... FOR UPDATE), so appends from any number of audit-worker instances are serialised: each
-- batch continues exactly where the previous one ended (no fork, no gap).
CREATE TABLE storage_audit_chain_head (
    id         smallint    PRIMARY KEY DEFAULT 1,
    seq        bigint      NOT NULL,
    row_hash   bytea       NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT storage_audit_chain_head_single CHECK (id = 1),
    CONSTRAINT storage_audit_chain_head_seq_check CHECK (seq >= 0),
    CONSTRAINT storage_audit_chain_head_hash_length CHECK (length(row_hash) = 32)
);
-- The genesis: position 0 with an all-zero hash; row 1 links to it.
INSERT INTO storage_audit_chain_head (id, seq, row_hash) VALUES (1, 0, decode(repeat('00', 32), 'hex'));

-- Checkpoints: the chain head at a moment, also written to the object store, so that history before
-- a checkpoint cannot be rewritten with database access alone. Verification starts from one.
CREATE TABLE storage_audit_checkpoints (
    seq         bigint      PRIMARY KEY,
    row_hash    bytea       NOT NULL,
    row_count   bigint      NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    -- Where the copy of this checkpoint lives in the object store (bucket/key), once written.
    object_key  text,
    CONSTRAINT storage_audit_checkpoints_hash_length CHECK (length(row_hash) = 32)
);

-- Audit rotations: each removal of archived rows, recorded by the one path that may remove them.
CREATE TABLE storage_audit_rotations (
    id           bigserial   PRIMARY KEY,
    first_seq    bigint      NOT NULL,
    last_seq     bigint      NOT NULL,
    rows_deleted bigint      NOT NULL,
    archive_key  text        NOT NULL,
    -- The hash of the last removed row: verification of what remains starts from it.
    last_hash    bytea       NOT NULL,
    rotated_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT storage_audit_rotations_range CHECK (first_seq <= last_seq)
);

-- Append-only: UPDATE is never allowed; DELETE only inside storage_audit_rotate(), which sets a
-- transaction-local flag first; TRUNCATE never. Triggers apply to every role, the table owner
-- included, so the application cannot change the trail even with its own credentials.
CREATE FUNCTION storage_operations_append_only() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('storage_catalog.audit_rotation', true) = 'on' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'storage_operations is append-only: % is not allowed (audit rows leave only through storage_audit_rotate)', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER storage_operations_no_update_or_delete
    BEFORE UPDATE OR DELETE ON storage_operations
    FOR EACH ROW EXECUTE FUNCTION storage_operations_append_only();

CREATE TRIGGER storage_operations_no_truncate
    BEFORE TRUNCATE ON storage_operations
    FOR EACH STATEMENT EXECUTE FUNCTION storage_operations_append_only();

-- The one path that removes audit rows: the oldest rows up to p_last_seq, in one chunk, after the
-- rotation job archived them (p_archive_key) and verified the upload. Records what it removed.
CREATE FUNCTION storage_audit_rotate(p_first_seq bigint, p_last_seq bigint, p_archive_key text)
    RETURNS bigint
    LANGUAGE plpgsql AS $$
DECLARE
    removed   bigint;
    last_row  bytea;
BEGIN
    IF p_first_seq <> (SELECT min(seq) FROM storage_operations) THEN
        RAISE EXCEPTION 'rotation must start at the oldest audit row, not %', p_first_seq;
    END IF;
    SELECT row_hash INTO last_row FROM storage_operations WHERE seq = p_last_seq;
    IF last_row IS NULL THEN
        RAISE EXCEPTION 'audit row % does not exist', p_last_seq;
    END IF;
    PERFORM set_config('storage_catalog.audit_rotation', 'on', true);
    DELETE FROM storage_operations WHERE seq BETWEEN p_first_seq AND p_last_seq;
    GET DIAGNOSTICS removed = ROW_COUNT;
    PERFORM set_config('storage_catalog.audit_rotation', 'off', true);
    INSERT INTO storage_audit_rotations (first_seq, last_seq, rows_deleted, archive_key, last_hash)
    VALUES (p_first_seq, p_last_seq, removed, p_archive_key, last_row);
    RETURN removed;
END;
$$;
