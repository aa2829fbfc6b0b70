-- The two GIN indexes of storage_files (listFiles' name search and tag filter) take new entries into a
-- pending list and merge it into the index when it outgrows gin_pending_list_limit (4 MB by default).
-- The merge runs in the transaction whose insert outgrew the list: in the ingest worker at 1,000
-- events/s, one batch about every 11 s waited 60-110 ms for it, against 2-10 ms for the others. With a
-- list of 256 kB the merges come about once a second and take 20-40 ms. Measured side by side
-- (docs/performance.md): the ingest worker's latency max 80-109 -> 37-44 ms, its rate unchanged; the
-- list turned off (each insert updating the index itself) halved the batched upsert's rate.
-- A search reads the whole pending list besides the index, so the shorter list shortens searches too.
ALTER INDEX storage_files_owner_names_trgm_idx SET (gin_pending_list_limit = 256);
ALTER INDEX storage_files_owner_tags_idx SET (gin_pending_list_limit = 256);
