-- The catalog API: reads the catalog, the daily statistics and the trail for its callers; grants and
-- revokes shares in the call (read-your-writes), counts share password failures, reserves downloads,
-- marks files corrupted for an operator; writes the events it announces to the outbox in the same
-- transaction and relays them; appends its callers' grants and denials to the trail (never changes it).
-- It never writes files, versions or quotas: those change only through events.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'storage_catalog_api') THEN
        CREATE ROLE storage_catalog_api NOLOGIN;
    END IF;
END;
$$;

GRANT USAGE ON SCHEMA public TO storage_catalog_api;
GRANT SELECT ON storage_files, storage_file_versions, storage_quotas, storage_daily_statistics
    TO storage_catalog_api;
-- Corrupted marks are the one change of a file an operator makes through the API.
GRANT UPDATE (status, updated_at) ON storage_files TO storage_catalog_api;
GRANT SELECT, INSERT, UPDATE ON storage_file_shares TO storage_catalog_api;
GRANT SELECT, INSERT, UPDATE, DELETE ON storage_outbox TO storage_catalog_api;
GRANT SELECT, INSERT ON storage_operations TO storage_catalog_api;
GRANT SELECT, UPDATE ON storage_audit_chain_head TO storage_catalog_api;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO storage_catalog_api;

-- The API's callers on the trail: every access decision ('access', granted or denied) and every read
-- refused to its caller ('read'), beside the operations events and jobs record.
ALTER TABLE storage_operations DROP CONSTRAINT storage_operations_operation_check;
ALTER TABLE storage_operations ADD CONSTRAINT storage_operations_operation_check CHECK (operation IN
    ('upload', 'download', 'delete', 'restore', 'copy', 'move', 'update_metadata',
     'share', 'revoke_share', 'quota_set',
     'purge', 'mark_corrupted', 'orphan_removed', 'quota_corrected',
     'access', 'read')) NOT VALID;
ALTER TABLE storage_operations VALIDATE CONSTRAINT storage_operations_operation_check;
