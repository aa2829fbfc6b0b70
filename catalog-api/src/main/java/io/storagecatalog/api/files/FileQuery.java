package io.storagecatalog.api.files;

import io.storagecatalog.common.catalog.FileFilter;
import io.storagecatalog.common.catalog.FileFilter.FileSort;
import io.storagecatalog.common.event.FieldLimit;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The filters of a listing and of its count, from the query string.
 *
 * @param ownerId        whose files; a user's own by default, anyone's for an operator
 * @param mimeType       an exact MIME type, or a prefix ending with {@code /}
 * @param status         null: every status but deleted
 * @param includeDeleted with no status, deleted files too
 * @param tags           files carrying all of these
 * @param search         text found in the names, matched literally
 * @param limit          page size
 * @param cursor         the previous page's {@code nextCursor}
 */
record FileQuery(
        UUID ownerId,
        @Size(max = 255) String mimeType,

        @Pattern(
                regexp = "public|internal|confidential|restricted",
                message = "must be public, internal, confidential or restricted")
        String classification,

        @Pattern(
                regexp = "active|archived|deleted|corrupted",
                message = "must be active, archived, deleted or corrupted")
        String status,

        Boolean includeDeleted,
        @Size(max = FieldLimit.MAX_TAGS) List<@Size(max = 256) String> tags,
        Instant createdFrom,
        Instant createdTo,
        @Size(max = 1024) String search,
        @Schema(defaultValue = "NEWEST") FileSort sort,

        @Schema(defaultValue = "50") @Min(1) @Max(FileFilter.MAX_LIMIT)
        Integer limit,

        @Size(max = 4096) String cursor) {

    FileQuery {
        includeDeleted = includeDeleted != null && includeDeleted;
        sort = sort == null ? FileSort.NEWEST : sort;
        limit = limit == null ? 50 : limit;
    }

    /** The service's filter, for this owner. */
    FileFilter filter(UUID owner) {
        return new FileFilter(
                owner,
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
                cursor);
    }
}
