-- Storage Catalog: the catalog tables of the seed document, made correct.
--
-- Users are identities of the host platform (uuids issued by its identity service), not rows of a
-- table of ours: every *_by / user_id / shared_with column is a plain uuid without a foreign key.
-- Enumerations are CHECK constraints on text (they bind as plain strings from JDBC and can be
-- widened by a later migration without a type rewrite). Timestamps are timestamptz, JSON is jsonb.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- ---------------------------------------------------------------------------------------------
-- storage_files: one row per catalogued file (fileId is the provider-side identifier).
-- ---------------------------------------------------------------------------------------------
CREATE TABLE storage_files (
    id                  uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    file_id             text        NOT NULL,
    filename            text        NOT NULL,
    original_name       text        NOT NULL,
    mime_type           text        NOT NULL,
    size                bigint      NOT NULL,
    checksum            text        NOT NULL,
    checksum_algorithm  text        NOT NULL DEFAULT 'sha256',
    encoding            text,
    provider            text        NOT NULL,
    provider_path       text        NOT NULL,
    provider_metadata   jsonb       NOT NULL DEFAULT '{}'::jsonb,
    data_classification text        NOT NULL DEFAULT 'internal',
    encrypted           boolean     NOT NULL DEFAULT false,
    encryption_key_id   text,
    tags                jsonb       NOT NULL DEFAULT '[]'::jsonb,
    custom_metadata     jsonb       NOT NULL DEFAULT '{}'::jsonb,
    -- The quota entities this file is charged to besides its owner (created_by).
    organization_id     text,
    project_id          text,
    created_by          uuid        NOT NULL,
    updated_by          uuid,
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL,
    last_accessed_at    timestamptz,
    access_count        integer     NOT NULL DEFAULT 0,
    status              text        NOT NULL DEFAULT 'active',
    deleted_at          timestamptz,
    CONSTRAINT storage_files_file_id_key UNIQUE (file_id),
    CONSTRAINT storage_files_file_id_not_blank CHECK (length(file_id) > 0),
    CONSTRAINT storage_files_size_check CHECK (size >= 0),
    CONSTRAINT storage_files_access_count_check CHECK (access_count >= 0),
    CONSTRAINT storage_files_classification_check
        CHECK (data_classification IN ('public', 'internal', 'confidential', 'restricted')),
    CONSTRAINT storage_files_status_check CHECK (status IN ('active', 'archived', 'deleted', 'corrupted')),
    CONSTRAINT storage_files_tags_is_array CHECK (jsonb_typeof(tags) = 'array'),
    CONSTRAINT storage_files_custom_metadata_is_object CHECK (jsonb_typeof(custom_metadata) = 'object'),
    CONSTRAINT storage_files_provider_metadata_is_object CHECK (jsonb_typeof(provider_metadata) = 'object'),
    -- A deleted row always says when; a live row never carries a stale deletion time.
    CONSTRAINT storage_files_deleted_at_check CHECK ((status = 'deleted') = (deleted_at IS NOT NULL))
);

-- listFiles(owner, status) newest first: the default listing of a user's files.
CREATE INDEX storage_files_owner_status_created_idx ON storage_files (created_by, status, created_at DESC, id);
-- listFiles(dataClassification, status) and the statistics by classification.
CREATE INDEX storage_files_classification_status_idx ON storage_files (data_classification, status);
-- listFiles(mimeType exact or prefix 'image/', status): text_pattern_ops serves LIKE 'prefix%'.
CREATE INDEX storage_files_mime_status_idx ON storage_files (mime_type text_pattern_ops, status);
-- getStorageStatistics by provider and orphan reconciliation per provider.
CREATE INDEX storage_files_provider_status_idx ON storage_files (provider, status);
-- Every query over live files only (the common case): a partial index keeps it small.
CREATE INDEX storage_files_active_created_idx ON storage_files (created_at DESC, id) WHERE status = 'active';
-- Orphan purge: soft-deleted files past retention, oldest first.
CREATE INDEX storage_files_deleted_at_idx ON storage_files (deleted_at, id) WHERE status = 'deleted';
-- search over filename and original name (ILIKE '%term%') through trigrams.
CREATE INDEX storage_files_filename_trgm_idx ON storage_files USING gin (filename gin_trgm_ops);
CREATE INDEX storage_files_original_name_trgm_idx ON storage_files USING gin (original_name gin_trgm_ops);
-- listFiles(tags contain ...): tags @> '["x"]'.
CREATE INDEX storage_files_tags_idx ON storage_files USING gin (tags jsonb_path_ops);
-- Quota recalculation per organization / project.
CREATE INDEX storage_files_organization_idx ON storage_files (organization_id) WHERE organization_id IS NOT NULL;
CREATE INDEX storage_files_project_idx ON storage_files (project_id) WHERE project_id IS NOT NULL;
-- Orphan reconciliation merges the catalog against the store's listing, which is in UTF-8 binary
-- order: this index gives the same order ("C" collation) without a sort.
CREATE INDEX storage_files_provider_path_c_idx ON storage_files (provider_path COLLATE "C");

-- ---------------------------------------------------------------------------------------------
-- storage_file_versions: every stored version of a file; exactly one is current.
-- ---------------------------------------------------------------------------------------------
CREATE TABLE storage_file_versions (
    id                 uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    -- Versions are part of the file: purging the file row purges them (their objects are removed
    -- from the store by the same orphan job, before the row).
    file_id            uuid        NOT NULL REFERENCES storage_files (id) ON DELETE CASCADE,
    version_number     integer     NOT NULL,
    version_file_id    text,
    filename           text        NOT NULL,
    size               bigint      NOT NULL,
    checksum           text        NOT NULL,
    mime_type          text        NOT NULL,
    provider_path      text        NOT NULL,
    created_by         uuid        NOT NULL,
    created_at         timestamptz NOT NULL,
    change_description text,
    is_current         boolean     NOT NULL DEFAULT false,
    CONSTRAINT storage_file_versions_number_check CHECK (version_number > 0),
    CONSTRAINT storage_file_versions_size_check CHECK (size >= 0),
    CONSTRAINT storage_file_versions_file_version_key UNIQUE (file_id, version_number)
);

-- At most one current version per file.
CREATE UNIQUE INDEX storage_file_versions_one_current_idx ON storage_file_versions (file_id) WHERE is_current;
-- Orphan reconciliation: version objects live at their own paths, in the store's order.
CREATE INDEX storage_file_versions_provider_path_c_idx ON storage_file_versions (provider_path COLLATE "C");

-- ---------------------------------------------------------------------------------------------
-- storage_file_shares: access granted to another user.
-- ---------------------------------------------------------------------------------------------
CREATE TABLE storage_file_shares (
    -- The shareId of the share event: the publisher names the share, so a redelivered event and
    -- a later revoke refer to the same row.
    id                uuid        PRIMARY KEY,
    -- A share means nothing without its file: purging the file purges its shares. The grant and
    -- revoke themselves stay on record in storage_operations.
    file_id           uuid        NOT NULL REFERENCES storage_files (id) ON DELETE CASCADE,
    shared_by         uuid        NOT NULL,
    shared_with       uuid        NOT NULL,
    can_read          boolean     NOT NULL DEFAULT true,
    can_write         boolean     NOT NULL DEFAULT false,
    can_delete        boolean     NOT NULL DEFAULT false,
    can_share         boolean     NOT NULL DEFAULT false,
    expires_at        timestamptz,
    requires_password boolean     NOT NULL DEFAULT false,
    -- A PHC string (Argon2id or bcrypt); never a clear password.
    password_hash     text,
    max_downloads     integer,
    download_count    integer     NOT NULL DEFAULT 0,
    is_active         boolean     NOT NULL DEFAULT true,
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL,
    last_accessed_at  timestamptz,
    CONSTRAINT storage_file_shares_no_self_share CHECK (shared_by <> shared_with),
    CONSTRAINT storage_file_shares_max_downloads_check CHECK (max_downloads IS NULL OR max_downloads > 0),
    CONSTRAINT storage_file_shares_download_count_check CHECK (download_count >= 0),
    CONSTRAINT storage_file_shares_download_limit_check
        CHECK (max_downloads IS NULL OR download_count <= max_downloads),
    CONSTRAINT storage_file_shares_password_check CHECK (requires_password = (password_hash IS NOT NULL)),
    CONSTRAINT storage_file_shares_password_hash_phc
        CHECK (password_hash IS NULL OR password_hash ~ '^\$(argon2id\$|2[aby]\$)')
);

-- One active share per (file, recipient); a revoked share leaves room for a new one.
CREATE UNIQUE INDEX storage_file_shares_one_active_idx ON storage_file_shares (file_id, shared_with) WHERE is_active;
-- getSharedFiles(user): the active shares a user received.
CREATE INDEX storage_file_shares_recipient_idx ON storage_file_shares (shared_with, created_at DESC) WHERE is_active;
-- getMyShares(user): shares a user granted.
CREATE INDEX storage_file_shares_sharer_idx ON storage_file_shares (shared_by, created_at DESC);
-- Share expiry job: active shares past expires_at.
CREATE INDEX storage_file_shares_expiry_idx ON storage_file_shares (expires_at) WHERE is_active AND expires_at IS NOT NULL;

-- ---------------------------------------------------------------------------------------------
-- storage_quotas: limits and usage per user, organization or project.
-- ---------------------------------------------------------------------------------------------
CREATE TABLE storage_quotas (
    id                  uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    -- The user who owns the quota (for entity_type 'user' it equals entity_id).
    user_id             uuid,
    entity_type         text        NOT NULL,
    entity_id           text        NOT NULL,
    -- NULL limits: usage is tracked but no quota was set for the entity; the documented defaults
    -- apply (see docs/schema.md).
    max_storage_bytes   bigint,
    max_files           integer,
    max_file_size_bytes bigint,
    used_storage_bytes  bigint      NOT NULL DEFAULT 0,
    used_files          integer     NOT NULL DEFAULT 0,
    is_active           boolean     NOT NULL DEFAULT true,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    last_calculated_at  timestamptz,
    CONSTRAINT storage_quotas_entity_key UNIQUE (entity_type, entity_id),
    CONSTRAINT storage_quotas_entity_type_check CHECK (entity_type IN ('user', 'organization', 'project')),
    CONSTRAINT storage_quotas_max_storage_check CHECK (max_storage_bytes IS NULL OR max_storage_bytes > 0),
    CONSTRAINT storage_quotas_max_files_check CHECK (max_files IS NULL OR max_files > 0),
    CONSTRAINT storage_quotas_max_file_size_check CHECK (max_file_size_bytes IS NULL OR max_file_size_bytes > 0),
    CONSTRAINT storage_quotas_used_storage_check CHECK (used_storage_bytes >= 0),
    CONSTRAINT storage_quotas_used_files_check CHECK (used_files >= 0)
);

-- ---------------------------------------------------------------------------------------------
-- storage_operations: the audit trail, one row per event, append-only and hash-chained.
-- ---------------------------------------------------------------------------------------------
-- file_id is the catalog's fileId (text), deliberately WITHOUT a foreign key: an audit row is
-- written before its file row exists (the audit worker runs independently of the ingest worker),
-- for files that never will exist (a failed upload), and must outlive the purge of its file. The
-- seed's ON DELETE CASCADE deleted the trail with the file; that can no longer happen.
CREATE TABLE storage_operations (
    id                uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    -- Position in the hash chain: 1, 2, 3, ... without gaps (see the audit worker's docs).
    seq               bigint      NOT NULL,
    file_id           text,
    operation         text        NOT NULL,
    status            text        NOT NULL,
    provider          text,
    bytes_transferred bigint,
    duration_ms       integer,
    client_ip         text,
    user_agent        text,
    user_id           uuid,
    session_id        text,
    correlation_id    text,
    error_code        text,
    error_message     text,
    error_details     jsonb,
    purpose           text,
    metadata          jsonb,
    created_at        timestamptz NOT NULL,
    -- Identity of the event that produced the row: one row per event, whatever the redelivery.
    event_source      text        NOT NULL,
    event_id          text        NOT NULL,
    event_type        text        NOT NULL,
    recorded_at       timestamptz NOT NULL DEFAULT now(),
    prev_hash         bytea       NOT NULL,
    row_hash          bytea       NOT NULL,
    CONSTRAINT storage_operations_seq_key UNIQUE (seq),
    CONSTRAINT storage_operations_event_key UNIQUE (event_source, event_id),
    -- No fork: two rows can never claim the same predecessor.
    CONSTRAINT storage_operations_prev_hash_key UNIQUE (prev_hash),
    CONSTRAINT storage_operations_seq_check CHECK (seq > 0),
    CONSTRAINT storage_operations_operation_check CHECK (operation IN
        ('upload', 'download', 'delete', 'restore', 'copy', 'move', 'update_metadata',
         'share', 'revoke_share', 'quota_set')),
    CONSTRAINT storage_operations_status_check CHECK (status IN ('success', 'failed', 'pending')),
    CONSTRAINT storage_operations_bytes_check CHECK (bytes_transferred IS NULL OR bytes_transferred >= 0),
    CONSTRAINT storage_operations_duration_check CHECK (duration_ms IS NULL OR duration_ms >= 0),
    CONSTRAINT storage_operations_hash_length CHECK (length(prev_hash) = 32 AND length(row_hash) = 32)
);

-- Operations by file, newest first (keyset on created_at, seq).
CREATE INDEX storage_operations_file_time_idx ON storage_operations (file_id, created_at DESC, seq DESC);
-- Operations by user, newest first.
CREATE INDEX storage_operations_user_time_idx ON storage_operations (user_id, created_at DESC, seq DESC);
-- Operations of one request across services.
CREATE INDEX storage_operations_correlation_idx ON storage_operations (correlation_id) WHERE correlation_id IS NOT NULL;
-- Operations by time range, statistics per day and audit rotation by age.
CREATE INDEX storage_operations_time_idx ON storage_operations (created_at, seq);

-- ---------------------------------------------------------------------------------------------
-- Idempotent consumption: the event identities a consumer has applied.
-- ---------------------------------------------------------------------------------------------
CREATE TABLE storage_processed_events (
    consumer     text        NOT NULL,
    -- CloudEvents: source + ' ' + id; S3 notifications: the derived key (bucket, key, versionId,
    -- sequencer, event name).
    event_key    text        NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT storage_processed_events_pkey PRIMARY KEY (consumer, event_key)
);
-- Pruning old identities in chunks, oldest first.
CREATE INDEX storage_processed_events_time_idx ON storage_processed_events (processed_at);

-- ---------------------------------------------------------------------------------------------
-- S3 notification order per object: the newest notification applied (sequencer right-padded to
-- 64 hex digits, so text order is sequencer order). Kept apart from storage_files because a removal
-- may arrive before the creation it follows, when there is no file row yet: the row here remembers
-- it, and the late, older creation is recognised as stale.
-- ---------------------------------------------------------------------------------------------
CREATE TABLE storage_object_sequences (
    file_id    text        NOT NULL,
    sequence   text        NOT NULL,
    removed    boolean     NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT storage_object_sequences_pkey PRIMARY KEY (file_id),
    CONSTRAINT storage_object_sequences_width CHECK (length(sequence) = 64)
);

-- ---------------------------------------------------------------------------------------------
-- ShedLock: one row per scheduled job; locked_until is compared with the database clock.
-- ---------------------------------------------------------------------------------------------
CREATE TABLE shedlock (
    name       varchar(64)  NOT NULL,
    lock_until timestamptz  NOT NULL,
    locked_at  timestamptz  NOT NULL,
    locked_by  varchar(255) NOT NULL,
    CONSTRAINT shedlock_pkey PRIMARY KEY (name)
);
