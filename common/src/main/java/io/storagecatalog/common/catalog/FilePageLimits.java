package io.storagecatalog.common.catalog;

/** Bounds of {@code listFiles}. */
public final class FilePageLimits {

    /** Matches are counted exactly up to this number; above it the total is reported as a lower bound. */
    public static final int COUNT_CAP = 10_000;

    private FilePageLimits() {}
}
