-- listFiles over live files (status <> 'deleted', the default) in each of its orders. The V1 index
-- (created_by, status, created_at DESC, id) cannot give the order under a not-equal on status, so a
-- listing bitmap-scanned every live file of the owner and sorted them (p99 28-200 ms over 1,000,000
-- rows, measured by `bench --probes`). These partial indexes are walked in order and stop at the page.
CREATE INDEX storage_files_live_owner_created_idx ON storage_files (created_by, created_at, id)
    WHERE status <> 'deleted';
CREATE INDEX storage_files_live_owner_size_idx ON storage_files (created_by, size, id)
    WHERE status <> 'deleted';
CREATE INDEX storage_files_live_owner_name_idx ON storage_files (created_by, filename, id)
    WHERE status <> 'deleted';
-- The same for listings across owners (an administrator's view): newest or oldest first.
CREATE INDEX storage_files_live_created_idx ON storage_files (created_at, id)
    WHERE status <> 'deleted';
