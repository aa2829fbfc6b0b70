package io.storagecatalog.common.event;

/** Sensitivity of a file's content. */
public enum DataClassification {
    PUBLIC,
    INTERNAL,
    CONFIDENTIAL,
    RESTRICTED;

    public String dbValue() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
