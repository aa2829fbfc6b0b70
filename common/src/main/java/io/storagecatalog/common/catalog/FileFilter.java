package io.storagecatalog.common.catalog;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What {@code listFiles} selects. Null fields select everything.
 *
 * @param ownerId        the owner ({@code created_by})
 * @param mimeType       an exact MIME type, or a prefix ending with {@code /} ({@code image/})
 * @param classification public, internal, confidential or restricted
 * @param status         active, archived, deleted or corrupted; null: every status but deleted
 * @param includeDeleted with a null status, deleted files too
 * @param tags           files carrying all of these tags
 * @param createdFrom    created at or after
 * @param createdTo      created before
 * @param search         text to find in the filename or original name, matched literally
 * @param sort           the order, and the key of the keyset pagination
 * @param limit          page size, capped at {@link #MAX_LIMIT}
 * @param cursor         where the page starts: the previous page's {@code nextCursor}, or null
 */
public record FileFilter(
        UUID ownerId,
        String mimeType,
        String classification,
        String status,
        boolean includeDeleted,
        List<String> tags,
        Instant createdFrom,
        Instant createdTo,
        String search,
        FileSort sort,
        int limit,
        String cursor) {

    public static final int MAX_LIMIT = 200;

    public FileFilter {
        tags = tags == null ? List.of() : List.copyOf(tags);
        sort = sort == null ? FileSort.NEWEST : sort;
        limit = Math.min(Math.max(limit, 1), MAX_LIMIT);
    }

    public static FileFilter ofOwner(UUID ownerId) {
        return new FileFilter(ownerId, null, null, null, false, List.of(), null, null, null, FileSort.NEWEST, 50, null);
    }

    public FileFilter withSearch(String text) {
        return new FileFilter(
                ownerId,
                mimeType,
                classification,
                status,
                includeDeleted,
                tags,
                createdFrom,
                createdTo,
                text,
                sort,
                limit,
                cursor);
    }

    public FileFilter withCursor(String next) {
        return new FileFilter(
                ownerId,
                mimeType,
                classification,
                status,
                includeDeleted,
                tags,
                createdFrom,
                createdTo,
                search,
                sort,
                limit,
                next);
    }

    /** Orders of {@code listFiles}; each is a keyset (with the row id as tie-breaker). */
    public enum FileSort {
        NEWEST,
        OLDEST,
        NAME,
        LARGEST
    }
}
