-- Maintenance actions are operations too, on the same hash chain as the services' events, appended in
-- the transaction of the change they record: the purge of a file's content, a corrupted mark, the
-- removal of an orphan object, a quota corrected by the recalculation.
-- NOT VALID, then VALIDATE: the existing rows are checked without blocking appends meanwhile.
ALTER TABLE storage_operations DROP CONSTRAINT storage_operations_operation_check;
ALTER TABLE storage_operations ADD CONSTRAINT storage_operations_operation_check CHECK (operation IN
    ('upload', 'download', 'delete', 'restore', 'copy', 'move', 'update_metadata',
     'share', 'revoke_share', 'quota_set',
     'purge', 'mark_corrupted', 'orphan_removed', 'quota_corrected')) NOT VALID;
ALTER TABLE storage_operations VALIDATE CONSTRAINT storage_operations_operation_check;
