package io.storagecatalog.common.event;

/** Why a record was rejected, in categories few enough to label a metric with. */
public enum RejectionReason {
    /** Not JSON, not UTF-8, or not the expected JSON shape. */
    MALFORMED("malformed"),
    /** A required attribute or field is absent. */
    MISSING_FIELD("missing_field"),
    /** A field is present but its value is wrong (type, range, format, enumeration). */
    INVALID_VALUE("invalid_value"),
    /** The event type (or S3 event name) is not part of the contract. */
    UNKNOWN_TYPE("unknown_type"),
    /** A share carried a clear password instead of a hash. */
    CLEAR_PASSWORD("clear_password"),
    /** The record exceeds the configured size limit. */
    TOO_LARGE("too_large"),
    /** Record key or subject disagrees with the event's file. */
    KEY_MISMATCH("key_mismatch"),
    /** The event is valid but cannot be applied to the catalog as it stands (for example a download of a file never uploaded). */
    NOT_APPLICABLE("not_applicable"),
    /** The acting user may not do this to the file as the catalog stands (not its owner, no share granting it). */
    FORBIDDEN("forbidden"),
    /**
     * The database refused the event's content although the contract accepted it (a constraint or a limit
     * the contract does not know): the event alone is set aside, the stream goes on.
     */
    DATABASE_REJECTED("database_rejected");

    private final String label;

    RejectionReason(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
