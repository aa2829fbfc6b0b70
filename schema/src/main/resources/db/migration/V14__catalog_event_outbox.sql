-- The catalog's own events (quota exceeded, file corrupted, integrity violation, maintenance completed)
-- are written here in the transaction of the change they announce, and relayed to Kafka from here:
-- a crash between the commit and the send loses nothing, and a resend carries the same event id.
-- A row lives until the broker has acknowledged it; the table holds what is not yet published.
CREATE TABLE storage_outbox (
    id          bigint      GENERATED ALWAYS AS IDENTITY,
    event_id    uuid        NOT NULL,
    event_type  text        NOT NULL,
    topic       text        NOT NULL,
    record_key  text,
    payload     bytea       NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT storage_outbox_pkey PRIMARY KEY (id),
    CONSTRAINT storage_outbox_event_id_key UNIQUE (event_id),
    -- A Kafka record of the catalog's events is at most 1 MiB by the broker's default.
    CONSTRAINT storage_outbox_payload_size CHECK (octet_length(payload) <= 1048576)
);
