-- One object, one file. The same object is announced by the services that upload it and by the store's
-- bucket notifications; each side's announcements are counted per file, and an announcement takes
-- effect (a new version, a counted read) only when its side is ahead of the other: otherwise it
-- confirms what the other side already said (docs/ingest.md, "One object, one file").
-- Constant defaults: the columns are added without rewriting the table.
ALTER TABLE storage_files
    ADD COLUMN announced_versions integer NOT NULL DEFAULT 0,
    ADD COLUMN stored_versions    integer NOT NULL DEFAULT 0,
    ADD COLUMN announced_reads    integer NOT NULL DEFAULT 0,
    ADD COLUMN stored_reads       integer NOT NULL DEFAULT 0,
    ADD CONSTRAINT storage_files_announcements_check CHECK (announced_versions >= 0 AND stored_versions >= 0
        AND announced_reads >= 0 AND stored_reads >= 0);

-- Files known only from notifications (their fileId is their bucket/key): every version and read came
-- from the store.
UPDATE storage_files f
SET stored_versions = (SELECT count(*) FROM storage_file_versions v WHERE v.file_id = f.id),
    stored_reads = f.access_count
WHERE f.file_id = f.provider_path AND f.provider IN ('minio', 's3');
