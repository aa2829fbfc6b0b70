package io.storagecatalog.common.catalog;

/**
 * A file row with what its versions add up to.
 *
 * @param storedBytes   the size of every stored version together (what the file is charged)
 * @param latestVersion the highest version number, 0 when the file has no version row
 * @param announcements how often each side announced the file's content and reads
 */
public record StoredFile(FileRow row, long storedBytes, int latestVersion, Announcements announcements) {}
