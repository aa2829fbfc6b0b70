#!/bin/sh
# The catalog's ACLs on a broker with SASL/SCRAM and the StandardAuthorizer (docs/security.md, "Kafka").
# Usage: BOOTSTRAP=broker:9092 ADMIN_CONFIG=admin.properties deploy/kafka/acls.sh
# Creates nothing but ACLs: the SCRAM users (upstream, minio, ingest-worker, audit-worker,
# maintenance-jobs) are created with kafka-configs.sh --alter --add-config 'SCRAM-SHA-512=[password=...]'.
set -eu
acl() { kafka-acls.sh --bootstrap-server "$BOOTSTRAP" --command-config "$ADMIN_CONFIG" --add "$@"; }
EVENTS=storage.file-events
NOTIFICATIONS=storage.s3-notifications
CATALOG=storage.catalog-events

# Producers: each writes its own input topic, and nothing else.
acl --allow-principal User:upstream --operation Write --operation Describe --topic "$EVENTS"
acl --allow-principal User:minio --operation Write --operation Describe --topic "$NOTIFICATIONS"

# The ingest worker: reads both inputs in its group, writes its dead-letter topics (in transactions) and
# relays the catalog's events.
for topic in "$EVENTS" "$NOTIFICATIONS"; do
  acl --allow-principal User:ingest-worker --operation Read --operation Describe --topic "$topic"
  acl --allow-principal User:ingest-worker --operation Write --operation Describe --topic "$topic-dlt"
  acl --allow-principal User:audit-worker --operation Read --operation Describe --topic "$topic"
  acl --allow-principal User:audit-worker --operation Write --operation Describe --topic "$topic-audit-dlt"
done
acl --allow-principal User:ingest-worker --operation Read --group storage-catalog-ingest
acl --allow-principal User:ingest-worker --operation Write --operation Describe \
    --transactional-id storage-catalog-ingest- --resource-pattern-type prefixed
acl --allow-principal User:audit-worker --operation Read --group storage-catalog-audit

# Every worker relays the outbox to the catalog-events topic.
for worker in ingest-worker audit-worker maintenance-jobs; do
  acl --allow-principal "User:$worker" --operation Write --operation Describe --topic "$CATALOG"
done
