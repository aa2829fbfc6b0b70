-- One trigram index over both names instead of one each. Every new row version of a file (an upload,
-- and every update that is not heap-only: a version, a move, a delete or restore) wrote the trigrams of
-- its filename into one GIN index and those of its original name into another; the two names are
-- mostly alike, so most trigrams were written twice. Measured on this project's build machine, the two
-- indexes took more than half the time of inserting file rows. The search condition matches the
-- expression (the names joined by '/', which a name cannot contain) and then checks each name, so a
-- term that spans the join matches nothing it should not.
DROP INDEX storage_files_filename_trgm_idx;
DROP INDEX storage_files_original_name_trgm_idx;
CREATE INDEX storage_files_names_trgm_idx ON storage_files USING gin ((filename || '/' || original_name) gin_trgm_ops);
