package io.storagecatalog.ingest.apply;

/** What applying one event did; the values are metric labels. */
public enum EventOutcome {
    /** The catalog changed as the event says. */
    APPLIED("applied"),
    /** The event was applied before (same identity): nothing changed. */
    DUPLICATE("duplicate"),
    /** An S3 notification older than one already applied to its object: nothing changed. */
    STALE("stale"),
    /** A failed or pending operation: recorded by the audit worker, no catalog change. */
    NOT_SUCCESSFUL("not_successful"),
    /** The event cannot be applied to the catalog as it stands: dead-lettered. */
    REJECTED("rejected"),
    /**
     * Not applied in this delivery: an earlier event of its partition waits for its file, so this one
     * (to keep the partition's order) comes again with it. Not counted.
     */
    DEFERRED("deferred");

    private final String label;

    EventOutcome(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
