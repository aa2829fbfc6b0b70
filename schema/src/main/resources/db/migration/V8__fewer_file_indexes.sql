-- Fewer indexes for every file row written. Each row version of storage_files that is not a heap-only
-- update writes an entry into every index of the table (seventeen before this migration, fourteen
-- after), and that index maintenance is most of the ingest worker's database time (bench: 30,000 rows
-- inserted in 5.3 s with every index, 1.2 s with the two keys only). Five indexes served what two
-- serve as well, or nothing:

-- A user's files newest (or oldest) first, live or of any status: one index in created order. A
-- listing of live files walks it and skips the owner's deleted files; a listing of the deleted ones
-- skips the live ones. It replaces V1's (created_by, status, created_at DESC, id), which cannot give
-- the order under status <> 'deleted', and V5's partial index of live files.
DROP INDEX storage_files_owner_status_created_idx;
DROP INDEX storage_files_live_owner_created_idx;
CREATE INDEX storage_files_owner_created_idx ON storage_files (created_by, created_at, id);

-- Listings across owners newest or oldest first, of live files or of one status: the same, over
-- everyone's files. Replaces V1's partial index of active files and V5's of live files.
DROP INDEX storage_files_active_created_idx;
DROP INDEX storage_files_live_created_idx;
CREATE INDEX storage_files_created_idx ON storage_files (created_at, id);

-- Statistics by provider read every live file (sums of sizes, which this index does not hold); no query
-- selects by provider and status.
DROP INDEX storage_files_provider_status_idx;

-- The idempotence records are written in time order: a block range index finds the oldest ones for
-- pruning at a fraction of a B-tree's cost per insert.
DROP INDEX storage_processed_events_time_idx;
CREATE INDEX storage_processed_events_time_idx ON storage_processed_events USING brin (processed_at);
