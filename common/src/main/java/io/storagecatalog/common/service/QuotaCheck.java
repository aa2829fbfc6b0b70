package io.storagecatalog.common.service;

import java.util.List;

/**
 * Whether an upload of a given size fits every quota it would be charged to.
 *
 * @param violations the limits it would break; empty when allowed
 */
public record QuotaCheck(boolean allowed, List<Violation> violations) {

    /**
     * One limit an upload would break.
     *
     * @param limit   maxStorageBytes, maxFiles or maxFileSizeBytes
     * @param max     the limit
     * @param wouldBe usage after the upload (for maxFileSizeBytes: the file's size)
     */
    public record Violation(String entityType, String entityId, String limit, long max, long wouldBe) {
        public long excess() {
            return wouldBe - max;
        }

        @Override
        public String toString() {
            return entityType + " " + entityId + ": " + limit + " " + max + " exceeded by " + excess();
        }
    }

    /** The reason in words, for an error message ("user 6f..: maxStorageBytes 1000 exceeded by 24"). */
    public String reason() {
        return allowed
                ? "allowed"
                : String.join("; ", violations.stream().map(Violation::toString).toList());
    }
}
