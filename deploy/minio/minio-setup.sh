#!/bin/sh
# Creates the catalog's bucket and sends its object events to the Kafka target "CATALOG".
set -e
until mc alias set local http://minio:9000 minioadmin minioadmin > /dev/null 2>&1; do sleep 1; done
mc mb --ignore-existing local/storage-catalog
mc mb --ignore-existing local/storage-catalog-audit
mc event add local/storage-catalog arn:minio:sqs::CATALOG:kafka --event put,delete,get --ignore-existing || true
