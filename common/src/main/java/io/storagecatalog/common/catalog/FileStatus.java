package io.storagecatalog.common.catalog;

/** Values of {@code storage_files.status}. */
public final class FileStatus {

    public static final String ACTIVE = "active";
    public static final String ARCHIVED = "archived";
    public static final String DELETED = "deleted";
    public static final String CORRUPTED = "corrupted";

    private FileStatus() {}
}
