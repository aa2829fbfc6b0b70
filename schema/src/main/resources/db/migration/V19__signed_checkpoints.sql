-- Signed checkpoints: on a fixed cadence (empty intervals too), each statement signed with the audit
-- signing key (Ed25519), naming the previous checkpoint's digest and sealing, per chain, the interval of
-- rows since the previous one with its last row's hash and the RFC 6962 Merkle root of its rows. The
-- object store's create-only copy is the evidence; this table is the catalog's index of it (a statement
-- whose signature does not verify is worth nothing, wherever it is stored).
CREATE TABLE storage_audit_signed_checkpoints (
    checkpoint_index bigint      PRIMARY KEY,
    -- The trail's interval: rows chain_from + 1 .. chain_size.
    chain_from       bigint      NOT NULL,
    chain_size       bigint      NOT NULL,
    body             text        NOT NULL,
    signature        bytea       NOT NULL,
    digest           bytea       NOT NULL,
    created_at       timestamptz NOT NULL,
    -- Where the copy lives in the object store (bucket/key), once written.
    object_key       text,
    CONSTRAINT storage_audit_signed_checkpoints_index CHECK (checkpoint_index > 0),
    CONSTRAINT storage_audit_signed_checkpoints_interval CHECK (0 <= chain_from AND chain_from <= chain_size),
    CONSTRAINT storage_audit_signed_checkpoints_digest CHECK (length(digest) = 32)
);
-- The checkpoint that seals a row: the first whose interval ends at or after it.
CREATE INDEX storage_audit_signed_checkpoints_size ON storage_audit_signed_checkpoints (chain_size);

-- The Merkle roots of each complete block of 1,024 rows of an interval (aligned at its start): an
-- inclusion proof reads one block's row hashes and these roots, not the whole interval.
CREATE TABLE storage_audit_merkle_blocks (
    checkpoint_index bigint  NOT NULL REFERENCES storage_audit_signed_checkpoints,
    block            integer NOT NULL,
    root             bytea   NOT NULL,
    PRIMARY KEY (checkpoint_index, block),
    CONSTRAINT storage_audit_merkle_blocks_root CHECK (length(root) = 32)
);

-- The unsigned checkpoints are superseded: anyone with the database's rights could write them.
DROP TABLE storage_audit_checkpoints;

-- How old the newest row of a rotated range must be, at least. Only the owner changes it; the rotation
-- job's own retention may be longer, never shorter.
CREATE TABLE storage_audit_retention_floor (
    id        smallint PRIMARY KEY DEFAULT 1,
    min_age   interval NOT NULL,
    CONSTRAINT storage_audit_retention_floor_single CHECK (id = 1),
    CONSTRAINT storage_audit_retention_floor_positive CHECK (min_age >= interval '0')
);
INSERT INTO storage_audit_retention_floor (id, min_age) VALUES (1, interval '30 days');

-- Rotation removes whole checkpoint intervals only: from the oldest row to the end of a checkpoint whose
-- copy is in the object store, and only rows older than the retention floor.
CREATE OR REPLACE FUNCTION storage_audit_rotate(p_first_seq bigint, p_last_seq bigint, p_archive_key text)
    RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    removed   bigint;
    last_row  bytea;
    last_time timestamptz;
BEGIN
    IF p_first_seq <> (SELECT min(seq) FROM storage_operations) THEN
        RAISE EXCEPTION 'rotation must start at the oldest audit row, not %', p_first_seq;
    END IF;
    IF NOT EXISTS (SELECT FROM storage_audit_signed_checkpoints
                   WHERE chain_size = p_last_seq AND object_key IS NOT NULL) THEN
        RAISE EXCEPTION 'rotation must end where a stored signed checkpoint ends, not at %', p_last_seq;
    END IF;
    SELECT row_hash, recorded_at INTO last_row, last_time FROM storage_operations WHERE seq = p_last_seq;
    IF last_row IS NULL THEN
        RAISE EXCEPTION 'audit row % does not exist', p_last_seq;
    END IF;
    IF last_time > now() - (SELECT min_age FROM storage_audit_retention_floor) THEN
        RAISE EXCEPTION 'audit row % is younger than the retention floor', p_last_seq;
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

-- The audit worker seals; everyone who proves or verifies reads.
GRANT SELECT, INSERT ON storage_audit_signed_checkpoints, storage_audit_merkle_blocks TO storage_catalog_audit;
GRANT UPDATE (object_key) ON storage_audit_signed_checkpoints TO storage_catalog_audit;
GRANT SELECT ON storage_audit_signed_checkpoints, storage_audit_merkle_blocks, storage_audit_retention_floor
    TO storage_catalog_maintenance, storage_catalog_api;
