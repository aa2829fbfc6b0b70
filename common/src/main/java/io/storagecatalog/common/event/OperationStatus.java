package io.storagecatalog.common.event;

/** Outcome of an operation as the publisher reports it. Only SUCCESS changes catalog state. */
public enum OperationStatus {
    SUCCESS,
    FAILED,
    PENDING;

    public String dbValue() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
