#!/bin/sh
# Runs once, when the compose stack's PostgreSQL initialises its data directory: a login user per
# worker, each a member of its process's group role (the migrations grant the group roles their rights;
# docs/security.md). The owner (POSTGRES_USER) runs the migrations only.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
     -v ingest="$INGEST_DB_PASSWORD" -v audit="$AUDIT_DB_PASSWORD" -v maintenance="$MAINTENANCE_DB_PASSWORD" -v api="$API_DB_PASSWORD" <<'SQL'
CREATE ROLE storage_catalog_ingest NOLOGIN;
CREATE ROLE storage_catalog_audit NOLOGIN;
CREATE ROLE storage_catalog_maintenance NOLOGIN;
CREATE ROLE storage_catalog_api NOLOGIN;
CREATE ROLE ingest_worker LOGIN PASSWORD :'ingest' IN ROLE storage_catalog_ingest;
CREATE ROLE audit_worker LOGIN PASSWORD :'audit' IN ROLE storage_catalog_audit;
CREATE ROLE maintenance_jobs LOGIN PASSWORD :'maintenance' IN ROLE storage_catalog_maintenance;
CREATE ROLE catalog_api LOGIN PASSWORD :'api' IN ROLE storage_catalog_api;
SQL
