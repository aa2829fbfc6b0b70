-- The trail becomes several hash chains that grow side by side: an append locks only its own chain's
-- head, so audit workers consuming different partitions append in parallel. A row's position is
-- (chain, seq): each chain counts 1, 2, 3, ... without gaps and links each row to the one before it in
-- the same chain. The rows written so far are chain 0, unchanged; every signed checkpoint seals every
-- chain's interval together.

-- One head per chain. Chain 0 keeps the head it had; the others start at their own genesis, a hash
-- that names the chain, so that no two chains' first rows claim the same predecessor.
ALTER TABLE storage_audit_chain_head DROP CONSTRAINT storage_audit_chain_head_single;
ALTER TABLE storage_audit_chain_head RENAME COLUMN id TO chain;
ALTER TABLE storage_audit_chain_head ALTER COLUMN chain DROP DEFAULT;
ALTER TABLE storage_audit_chain_head
    ADD CONSTRAINT storage_audit_chain_head_chain CHECK (chain >= 0 AND chain < 256);
UPDATE storage_audit_chain_head SET chain = 0;
INSERT INTO storage_audit_chain_head (chain, seq, row_hash)
SELECT c, 0, sha256(convert_to('storage-catalog audit chain ' || c, 'UTF8'))
FROM generate_series(1, 15) AS c;

-- A row written without naming its chain is chain 0's (it must still link onto chain 0's head).
ALTER TABLE storage_operations ADD COLUMN chain smallint NOT NULL DEFAULT 0;
ALTER TABLE storage_operations
    ADD CONSTRAINT storage_operations_chain_check CHECK (chain >= 0 AND chain < 256);
ALTER TABLE storage_operations DROP CONSTRAINT storage_operations_seq_key;
ALTER TABLE storage_operations ADD CONSTRAINT storage_operations_position_key UNIQUE (chain, seq);

-- The listings page on (created_at, seq, chain): seq alone no longer tells two rows apart.
DROP INDEX storage_operations_file_time_idx;
CREATE INDEX storage_operations_file_time_idx ON storage_operations (file_id, created_at DESC, seq DESC, chain DESC);
DROP INDEX storage_operations_user_time_idx;
CREATE INDEX storage_operations_user_time_idx ON storage_operations (user_id, created_at DESC, seq DESC, chain DESC);
DROP INDEX storage_operations_time_idx;
CREATE INDEX storage_operations_time_idx ON storage_operations (created_at, seq, chain);

-- Each checkpoint's interval of each chain: rows chain_from + 1 .. chain_size of that chain.
CREATE TABLE storage_audit_checkpoint_chains (
    checkpoint_index bigint   NOT NULL REFERENCES storage_audit_signed_checkpoints,
    chain            smallint NOT NULL,
    chain_from       bigint   NOT NULL,
    chain_size       bigint   NOT NULL,
    PRIMARY KEY (checkpoint_index, chain),
    CONSTRAINT storage_audit_checkpoint_chains_interval CHECK (0 <= chain_from AND chain_from <= chain_size)
);
-- The checkpoint that seals a row of a chain: the first whose interval of that chain ends at or after it.
CREATE INDEX storage_audit_checkpoint_chains_size ON storage_audit_checkpoint_chains (chain, chain_size);
INSERT INTO storage_audit_checkpoint_chains (checkpoint_index, chain, chain_from, chain_size)
SELECT checkpoint_index, 0, chain_from, chain_size FROM storage_audit_signed_checkpoints;

ALTER TABLE storage_audit_merkle_blocks ADD COLUMN chain smallint NOT NULL DEFAULT 0;
ALTER TABLE storage_audit_merkle_blocks DROP CONSTRAINT storage_audit_merkle_blocks_pkey;
ALTER TABLE storage_audit_merkle_blocks ADD PRIMARY KEY (checkpoint_index, chain, block);

ALTER TABLE storage_audit_rotations ADD COLUMN chain smallint NOT NULL DEFAULT 0;

-- Rotation removes whole checkpoint intervals of one chain: from the chain's oldest row to the end of
-- one of its intervals sealed by a checkpoint whose copy is in the object store, only rows older than
-- the retention floor.
DROP FUNCTION storage_audit_rotate(bigint, bigint, text);
CREATE FUNCTION storage_audit_rotate(p_chain smallint, p_first_seq bigint, p_last_seq bigint, p_archive_key text)
    RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    removed   bigint;
    last_row  bytea;
    last_time timestamptz;
BEGIN
    IF p_first_seq <> (SELECT min(seq) FROM storage_operations WHERE chain = p_chain) THEN
        RAISE EXCEPTION 'rotation must start at the oldest audit row of chain %, not %', p_chain, p_first_seq;
    END IF;
    IF NOT EXISTS (SELECT FROM storage_audit_checkpoint_chains c
                   JOIN storage_audit_signed_checkpoints s USING (checkpoint_index)
                   WHERE c.chain = p_chain AND c.chain_size = p_last_seq AND s.object_key IS NOT NULL) THEN
        RAISE EXCEPTION 'rotation must end where a stored signed checkpoint ends, not at % of chain %',
            p_last_seq, p_chain;
    END IF;
    SELECT row_hash, recorded_at INTO last_row, last_time FROM storage_operations
    WHERE chain = p_chain AND seq = p_last_seq;
    IF last_row IS NULL THEN
        RAISE EXCEPTION 'audit row % of chain % does not exist', p_last_seq, p_chain;
    END IF;
    IF last_time > now() - (SELECT min_age FROM storage_audit_retention_floor) THEN
        RAISE EXCEPTION 'audit row % of chain % is younger than the retention floor', p_last_seq, p_chain;
    END IF;
    PERFORM set_config('storage_catalog.audit_rotation', 'on', true);
    DELETE FROM storage_operations WHERE chain = p_chain AND seq BETWEEN p_first_seq AND p_last_seq;
    GET DIAGNOSTICS removed = ROW_COUNT;
    PERFORM set_config('storage_catalog.audit_rotation', 'off', true);
    INSERT INTO storage_audit_rotations (chain, first_seq, last_seq, rows_deleted, archive_key, last_hash)
    VALUES (p_chain, p_first_seq, p_last_seq, removed, p_archive_key, last_row);
    RETURN removed;
END;
$$;
REVOKE ALL ON FUNCTION storage_audit_rotate(smallint, bigint, bigint, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION storage_audit_rotate(smallint, bigint, bigint, text) TO storage_catalog_maintenance;

CREATE OR REPLACE FUNCTION storage_operations_append_only() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('storage_catalog.audit_rotation', true) = 'on'
            AND current_user = (SELECT pg_get_userbyid(p.proowner) FROM pg_proc p
                                WHERE p.oid = 'storage_audit_rotate(smallint, bigint, bigint, text)'::regprocedure) THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'storage_operations is append-only: % is not allowed (audit rows leave only through storage_audit_rotate)', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

-- The intervals now live per chain.
ALTER TABLE storage_audit_signed_checkpoints DROP COLUMN chain_from;
ALTER TABLE storage_audit_signed_checkpoints DROP COLUMN chain_size;

GRANT SELECT, INSERT ON storage_audit_checkpoint_chains TO storage_catalog_audit;
GRANT SELECT ON storage_audit_checkpoint_chains TO storage_catalog_maintenance, storage_catalog_api;
