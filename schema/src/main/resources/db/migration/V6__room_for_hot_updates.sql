-- Room on each page for heap-only (HOT) updates. Most changes to a file row touch no indexed column
-- (a download raises access_count and last_accessed_at; a share's use sets its last_accessed_at), and
-- PostgreSQL can then keep the new row version on the same page without writing an entry into any of
-- the table's indexes (storage_files has nineteen, two of them trigram GIN indexes) — but only when the
-- page has free space. At the default fillfactor of 100 every page is full once written, so each such
-- update wrote every index. Applies to pages written from now on; VACUUM FULL or a rewrite spreads
-- existing rows.
ALTER TABLE storage_files SET (fillfactor = 80);
ALTER TABLE storage_file_shares SET (fillfactor = 90);
