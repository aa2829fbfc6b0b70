package io.storagecatalog.ingest.quota;

/**
 * An entity left over one of its limits by a batch.
 *
 * @param limit which limit: {@code maxStorageBytes}, {@code maxFiles} or {@code maxFileSizeBytes}
 * @param used  the usage after the batch (for maxFileSizeBytes: the largest upload)
 * @param max   the limit
 */
public record QuotaNotice(String entityType, String entityId, String limit, long used, long max) {

    public long excess() {
        return used - max;
    }
}
