#!/bin/sh
# Creates the catalog's buckets, sends the data bucket's object events to the Kafka target "CATALOG",
# and gives each worker a user of its own with only what it needs (the root account is for this script).
set -e
until mc alias set local http://minio:9000 "$MINIO_ROOT_USER" "$MINIO_ROOT_PASSWORD" > /dev/null 2>&1; do sleep 1; done
mc mb --ignore-existing local/storage-catalog
# Object Lock on the audit bucket: signed checkpoints and archives are kept in compliance mode, which
# not even the root account can shorten or remove.
mc mb --ignore-existing --with-lock local/storage-catalog-audit
mc event add local/storage-catalog arn:minio:sqs::CATALOG:kafka --event put,delete,get --ignore-existing

# The audit worker writes (create-only, locked) and reads checkpoints in the audit bucket; it cannot delete
# them, and it has nothing in the data bucket.
cat > /tmp/audit-worker.json <<'POLICY'
{"Version": "2012-10-17", "Statement": [
  {"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject", "s3:PutObjectRetention"], "Resource": ["arn:aws:s3:::storage-catalog-audit/*"]},
  {"Effect": "Allow", "Action": ["s3:ListBucket", "s3:GetBucketLocation"], "Resource": ["arn:aws:s3:::storage-catalog-audit"]}
]}
POLICY
# The maintenance jobs list and remove purged or orphaned objects in the data bucket, archive rotated
# audit rows and read checkpoints in the audit bucket.
cat > /tmp/maintenance-jobs.json <<'POLICY'
{"Version": "2012-10-17", "Statement": [
  {"Effect": "Allow", "Action": ["s3:GetObject", "s3:DeleteObject"], "Resource": ["arn:aws:s3:::storage-catalog/*"]},
  {"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": ["arn:aws:s3:::storage-catalog-audit/*"]},
  {"Effect": "Allow", "Action": ["s3:ListBucket", "s3:GetBucketLocation"],
   "Resource": ["arn:aws:s3:::storage-catalog", "arn:aws:s3:::storage-catalog-audit"]}
]}
POLICY
# Every step may run again (a second `up`): creating a policy replaces it, adding a user resets its
# secret, and a policy already attached is the one failure that is not one.
attach() {
  if ! out=$(mc admin policy attach local "$1" --user "$1" 2>&1); then
    case "$out" in
      *already*) ;;
      *) echo "$out" >&2; exit 1 ;;
    esac
  fi
}
mc admin policy create local audit-worker /tmp/audit-worker.json
mc admin policy create local maintenance-jobs /tmp/maintenance-jobs.json
mc admin user add local audit-worker "$AUDIT_WORKER_S3_SECRET"
mc admin user add local maintenance-jobs "$MAINTENANCE_S3_SECRET"
attach audit-worker
attach maintenance-jobs
