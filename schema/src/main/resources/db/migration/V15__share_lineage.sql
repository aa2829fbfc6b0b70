-- A share granted by the holder of another share (with can_share) names that share: revoking a share
-- revokes every share granted from it, down the line.
ALTER TABLE storage_file_shares ADD COLUMN granted_from uuid;
CREATE INDEX storage_file_shares_granted_from_idx ON storage_file_shares (granted_from) WHERE granted_from IS NOT NULL;
