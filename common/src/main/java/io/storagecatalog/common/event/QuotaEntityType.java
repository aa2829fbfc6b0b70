package io.storagecatalog.common.event;

/** What a quota applies to. */
public enum QuotaEntityType {
    USER,
    ORGANIZATION,
    PROJECT;

    public String dbValue() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
