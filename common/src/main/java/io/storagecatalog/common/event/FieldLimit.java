package io.storagecatalog.common.event;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The longest text the contract accepts in each kind of field, in UTF-8 bytes as PostgreSQL stores text:
 * the one table the parsers check against and the reference documentation prints ({@link #markdownTable()}).
 * A btree index entry holds at most 2,704 bytes, and the widest of the schema's indexes over these values
 * (a path with a time and a position, an event's source with its id) stays below that; ContractLimitsTest
 * holds every limit against the schema's columns and indexes.
 */
public enum FieldLimit {
    PATH(
            2048,
            List.of("fileId", "sourceFileId", "providerPath"),
            List.of(
                    "storage_files.file_id",
                    "storage_files.provider_path",
                    "storage_file_versions.provider_path",
                    "storage_operations.file_id")),
    ID(
            1024,
            List.of(
                    "id",
                    "source",
                    "encryptionKeyId",
                    "versionFileId",
                    "organizationId",
                    "projectId",
                    "entityId",
                    "context.sessionId",
                    "context.correlationId",
                    "S3 principalId"),
            List.of(
                    "storage_files.organization_id",
                    "storage_files.project_id",
                    "storage_quotas.entity_id",
                    "storage_operations.correlation_id",
                    "storage_operations.event_source")),
    NAME(
            1024,
            List.of(
                    "filename",
                    "originalName",
                    "provider",
                    "context.provider",
                    "context.userAgent",
                    "context.purpose",
                    "context.errorCode"),
            List.of("storage_files.filename", "storage_files.original_name", "storage_files.provider")),
    OBJECT_KEY(1024, List.of("S3 object key (URL-decoded)"), List.of("storage_orphan_objects.object_key")),
    MEDIA_TYPE(
            255,
            List.of("mimeType", "changes.mimeType", "datacontenttype", "S3 contentType"),
            List.of("storage_files.mime_type")),
    DIGEST(
            512,
            List.of("checksum", "passwordHash", "S3 eTag"),
            List.of("storage_files.checksum", "storage_file_shares.password_hash")),
    CODE(
            64,
            List.of(
                    "checksumAlgorithm",
                    "encoding",
                    "context.clientIp",
                    "S3 eventSource",
                    "S3 sourceIPAddress",
                    "times and enumerations as text"),
            List.of("storage_files.checksum_algorithm", "storage_files.encoding")),
    TEXT(
            8192,
            List.of("changeDescription", "context.errorMessage"),
            List.of("storage_file_versions.change_description", "storage_operations.error_message")),
    VERSION_ID(256, List.of("S3 versionId"), List.of("storage_files.provider_metadata")),
    TAG(256, List.of("each item of tags (at most 256 items)"), List.of("storage_files.tags")),
    BUCKET(63, List.of("S3 bucket name"), List.of("storage_orphan_objects.bucket"));

    /** How many tags a file may carry. */
    public static final int MAX_TAGS = 256;

    private final int bytes;
    private final List<String> fields;
    private final List<String> columns;

    FieldLimit(int bytes, List<String> fields, List<String> columns) {
        this.bytes = bytes;
        this.fields = fields;
        this.columns = columns;
    }

    /** The most UTF-8 bytes a value may have. */
    public int bytes() {
        return bytes;
    }

    /** The event fields this limit applies to (data fields unless prefixed). */
    public List<String> fields() {
        return fields;
    }

    /** The columns whose values come from those fields. */
    public List<String> columns() {
        return columns;
    }

    /** The reference table of every limit, as docs/events.md and docs/schema.md print it. */
    public static String markdownTable() {
        StringBuilder table =
                new StringBuilder("| Limit | Most UTF-8 bytes | Event fields | Columns |\n|---|---|---|---|\n");
        for (FieldLimit limit : values()) {
            table.append("| `")
                    .append(limit.name())
                    .append("` | ")
                    .append(limit.bytes)
                    .append(" | ")
                    .append(limit.fields.stream().map(FieldLimit::code).collect(Collectors.joining(", ")))
                    .append(" | ")
                    .append(limit.columns.stream().map(c -> "`" + c + "`").collect(Collectors.joining(", ")))
                    .append(" |\n");
        }
        return table.toString();
    }

    private static String code(String field) {
        // Names of the contract in code font; descriptions of S3 fields stay prose.
        return field.contains(" ") ? field : "`" + field + "`";
    }
}
