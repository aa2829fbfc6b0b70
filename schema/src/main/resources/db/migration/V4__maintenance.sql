-- Tables of the maintenance jobs.

-- Daily statistics: one row per day, scope (everything, a user, an organization, a project), MIME
-- category and classification. Days before the finalisation horizon are final and never recomputed;
-- the others are recomputed (delete and insert in one transaction), so a second run gives the same rows.
CREATE TABLE storage_daily_statistics (
    day                 date        NOT NULL,
    scope_type          text        NOT NULL,
    -- '' for the scope 'all'.
    scope_id            text        NOT NULL,
    mime_category       text        NOT NULL,
    data_classification text        NOT NULL,
    files               bigint      NOT NULL,
    bytes               bigint      NOT NULL,
    uploads             bigint      NOT NULL,
    downloads           bigint      NOT NULL,
    deletes             bigint      NOT NULL,
    bytes_transferred   bigint      NOT NULL,
    failures            bigint      NOT NULL,
    final               boolean     NOT NULL DEFAULT false,
    computed_at         timestamptz NOT NULL,
    CONSTRAINT storage_daily_statistics_pkey
        PRIMARY KEY (day, scope_type, scope_id, mime_category, data_classification),
    CONSTRAINT storage_daily_statistics_scope_check
        CHECK (scope_type IN ('all', 'user', 'organization', 'project'))
);
-- Statistics of one scope over a period (dashboards, getStorageStatistics).
CREATE INDEX storage_daily_statistics_scope_idx ON storage_daily_statistics (scope_type, scope_id, day);

-- Objects found in the store that no catalog row knows: reported, optionally removed after a grace.
CREATE TABLE storage_orphan_objects (
    bucket        text        NOT NULL,
    object_key    text        NOT NULL,
    size          bigint      NOT NULL,
    first_seen_at timestamptz NOT NULL,
    last_seen_at  timestamptz NOT NULL,
    removed_at    timestamptz,
    CONSTRAINT storage_orphan_objects_pkey PRIMARY KEY (bucket, object_key)
);
-- Removal of orphans past the grace period, oldest first.
CREATE INDEX storage_orphan_objects_first_seen_idx ON storage_orphan_objects (first_seen_at) WHERE removed_at IS NULL;
