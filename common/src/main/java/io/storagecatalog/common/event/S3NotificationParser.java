package io.storagecatalog.common.event;

import io.storagecatalog.common.event.CatalogCommand.Delete;
import io.storagecatalog.common.event.CatalogCommand.Download;
import io.storagecatalog.common.event.CatalogCommand.Upload;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * MinIO bucket notifications (the format of MinIO's Kafka target: {@code EventName}, {@code Key},
 * {@code Records}) and AWS-style S3 event records, mapped to the same commands as CloudEvents.
 */
final class S3NotificationParser {

    static final String OWNER_HEADER = "X-Amz-Meta-Owner-Id";
    static final String CLASSIFICATION_HEADER = "X-Amz-Meta-Classification";
    static final String TAGS_HEADER = "X-Amz-Meta-Tags";
    /** Server-side encryption as an object's metadata reports it (SSE-S3 or SSE-KMS; SSE-C). */
    static final String SSE_HEADER = "X-Amz-Server-Side-Encryption";

    static final String SSE_CUSTOMER_HEADER = "X-Amz-Server-Side-Encryption-Customer-Algorithm";
    static final String SSE_KMS_KEY_HEADER = "X-Amz-Server-Side-Encryption-Aws-Kms-Key-Id";
    private static final String DEFAULT_MIME_TYPE = "application/octet-stream";
    private static final int MAX_RECORDS = 100;
    private static final java.util.Set<String> METADATA_ONLY_CREATIONS = java.util.Set.of(
            "ObjectCreated:PutTagging",
            "ObjectCreated:DeleteTagging",
            "ObjectCreated:PutRetention",
            "ObjectCreated:PutLegalHold");

    private final JsonDocuments json;

    S3NotificationParser(JsonDocuments json) {
        this.json = json;
    }

    List<CatalogEvent> parse(RawRecord record) {
        if (record.value() == null || record.value().length == 0) {
            throw new InvalidEventException("value", "is empty", RejectionReason.MALFORMED);
        }
        JsonNode root = json.parseObject("value", record.value());
        JsonNode records = root.get("Records");
        if (records == null || records.isNull()) {
            if (root.has("Event") && "s3:TestEvent".equals(root.get("Event").asString(""))) {
                // S3 sends this once when a notification target is configured: no object changed.
                return List.of();
            }
            throw new InvalidEventException("Records", "is required", RejectionReason.MISSING_FIELD);
        }
        if (!records.isArray() || records.isEmpty()) {
            throw new InvalidEventException(
                    "Records",
                    records.isArray()
                            ? "must not be empty"
                            : "must be a non-empty array, was " + JsonFields.describe(records),
                    RejectionReason.MALFORMED);
        }
        if (records.size() > MAX_RECORDS) {
            throw new InvalidEventException(
                    "Records",
                    "must hold at most " + MAX_RECORDS + " records, held " + records.size(),
                    RejectionReason.TOO_LARGE);
        }
        List<CatalogEvent> events = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            JsonNode item = records.get(i);
            String path = "Records[" + i + "]";
            if (!item.isObject()) {
                throw new InvalidEventException(
                        path, "must be an object, was " + JsonFields.describe(item), RejectionReason.MALFORMED);
            }
            CatalogEvent event = event(record, new JsonFields(json.mapper(), item, path, false));
            if (event != null) {
                events.add(event);
            }
        }
        return events;
    }

    /** @return the event, or null for a notification that does not concern the catalog */
    private CatalogEvent event(RawRecord record, JsonFields item) {
        String eventName = item.requiredString("eventName", 128);
        String name = eventName.startsWith("s3:") ? eventName.substring(3) : eventName;
        Operation operation = operationOf(name, item);
        if (operation == null) {
            return null;
        }
        String provider =
                "minio:s3".equals(item.optionalString("eventSource", FieldLimit.CODE.bytes())) ? "minio" : "s3";
        Instant eventTime = item.optionalTime("eventTime");

        JsonFields s3 = item.requiredObject("s3");
        // S3 bucket names are at most 63 characters of lower-case letters, digits, '.' and '-'.
        String bucket = s3.requiredObject("bucket").requiredString("name", FieldLimit.BUCKET.bytes());
        JsonFields object = s3.requiredObject("object");
        String key = decodeKey(object);
        if (operation == Operation.UPLOAD && key.endsWith("/")) {
            // A "folder" marker object: no file to catalogue.
            return null;
        }
        String fileId = bucket + '/' + key;
        // S3's version ids are 32 characters, MinIO's 36: 256 bytes keep the event's derived id indexable.
        String versionId = object.optionalString("versionId", FieldLimit.VERSION_ID.bytes());
        String sequencer = object.requiredString("sequencer", S3Order.WIDTH * 2);
        S3Order order;
        try {
            order = S3Order.of(sequencer, versionId);
        } catch (IllegalArgumentException e) {
            throw object.invalid("sequencer", e.getMessage());
        }

        UserMetadata userMetadata =
                new UserMetadata(object.optionalObject("userMetadata"), object.path("userMetadata"));
        String principal = principalOf(item);
        // The owner named in the object's metadata uploaded it; reads and removals are the principal's.
        UUID owner = operation == Operation.UPLOAD ? userMetadata.owner() : null;
        UUID actor = owner != null ? owner : principalUuid(principal);
        Long size = operation == Operation.DELETE ? null : object.optionalSize("size");

        CatalogCommand command = switch (operation) {
            case UPLOAD -> upload(fileId, key, provider, object, size, versionId, order, userMetadata);
            case DELETE -> new Delete(fileId);
            case DOWNLOAD -> new Download(fileId, null);
            default -> throw new IllegalStateException("unmapped " + operation);
        };
        ObjectNode auditMetadata = json.mapper()
                .createObjectNode()
                .put("eventName", eventName)
                .put("bucket", bucket)
                .put("sequencer", sequencer);
        if (versionId != null) {
            auditMetadata.put("versionId", versionId);
        }
        if (principal != null) {
            auditMetadata.put("principalId", principal);
        }
        JsonFields request = item.optionalFields("requestParameters");
        JsonFields source = item.optionalFields("source");
        AuditContext audit = new AuditContext(
                actor,
                OperationStatus.SUCCESS,
                provider,
                operation == Operation.DELETE ? null : size,
                null,
                request == null ? null : lenientString(request, "sourceIPAddress", FieldLimit.CODE.bytes()),
                source == null ? null : lenientString(source, "userAgent", FieldLimit.NAME.bytes()),
                null,
                null,
                null,
                null,
                null,
                null,
                json.mapper().writeValueAsString(auditMetadata));
        EventId id = new EventId(
                "s3:" + bucket, key + '#' + (versionId == null ? "" : versionId) + '#' + sequencer + '#' + name);
        return new CatalogEvent(
                id,
                operation,
                JsonFields.eventTime(item.path("eventTime"), eventTime, record.timestamp()),
                audit,
                command,
                order,
                CatalogEvent.Origin.of(record));
    }

    /**
     * @return the operation, or null for notifications that change nothing the catalog holds:
     *         tagging, retention and legal-hold changes (MinIO sends them as ObjectCreated:*) and
     *         object accesses other than a read of the content
     */
    private static Operation operationOf(String name, JsonFields item) {
        if (METADATA_ONLY_CREATIONS.contains(name)
                || name.startsWith("ObjectAccessed:") && !name.equals("ObjectAccessed:Get")) {
            return null;
        }
        if (name.startsWith("ObjectCreated:")) {
            return Operation.UPLOAD;
        }
        if (name.startsWith("ObjectRemoved:")) {
            return Operation.DELETE;
        }
        if (name.equals("ObjectAccessed:Get")) {
            return Operation.DOWNLOAD;
        }
        throw new InvalidEventException(
                item.path("eventName"),
                "is not a mapped event name (mapped: " + "ObjectCreated:*, ObjectRemoved:*, ObjectAccessed:Get)",
                RejectionReason.UNKNOWN_TYPE);
    }

    private Upload upload(
            String fileId,
            String key,
            String provider,
            JsonFields object,
            Long size,
            String versionId,
            S3Order order,
            UserMetadata userMetadata) {
        if (size == null) {
            throw object.missing("size");
        }
        String eTag = object.requiredString("eTag", FieldLimit.DIGEST.bytes());
        String contentType = object.optionalString("contentType", FieldLimit.MEDIA_TYPE.bytes());
        int slash = key.lastIndexOf('/');
        String filename = slash >= 0 && slash < key.length() - 1 ? key.substring(slash + 1) : key;
        ObjectNode providerMetadata =
                json.mapper().createObjectNode().put("eTag", eTag).put("sequencer", order.sequence());
        if (versionId != null) {
            providerMetadata.put("versionId", versionId);
        }
        return new Upload(
                fileId,
                filename,
                filename,
                contentType == null ? DEFAULT_MIME_TYPE : contentType,
                size,
                eTag,
                "etag",
                null,
                provider,
                fileId,
                json.mapper().writeValueAsString(providerMetadata),
                userMetadata.classification(),
                userMetadata.encrypted(),
                userMetadata.encryptionKeyId(),
                userMetadata.tags(),
                "{}",
                versionId,
                null,
                null,
                null);
    }

    private static String decodeKey(JsonFields object) {
        String encoded = object.requiredString("key", FieldLimit.OBJECT_KEY.bytes() * 3);
        String key;
        try {
            // S3 encodes object keys as in a form: '+' is a space, '%2F' a slash.
            key = URLDecoder.decode(encoded, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw object.invalid("key", "is not a valid URL-encoded object key");
        }
        if (key.indexOf('\0') >= 0 || key.indexOf('\uFFFD') >= 0) {
            throw object.invalid("key", "decodes to a NUL character or invalid UTF-8");
        }
        String problem = JsonFields.pathProblem(key);
        if (problem != null) {
            throw object.invalid("key", problem);
        }
        // S3's own limit on a key (1,024 bytes of UTF-8): with its bucket it is within a path's limit.
        String tooLong = JsonFields.lengthProblem(key, FieldLimit.OBJECT_KEY.bytes());
        if (tooLong != null) {
            throw object.invalid("key", "decoded, " + tooLong);
        }
        return key;
    }

    private static String principalOf(JsonFields item) {
        JsonFields identity = item.optionalFields("userIdentity");
        return identity == null ? null : lenientString(identity, "principalId", FieldLimit.ID.bytes());
    }

    /** S3 principals (access keys) are not platform users; each maps to a stable name-based uuid. */
    static UUID principalUuid(String principal) {
        return UUID.nameUUIDFromBytes(
                ("s3-principal:" + (principal == null ? "anonymous" : principal)).getBytes(StandardCharsets.UTF_8));
    }

    // Informational fields of the notification: an unusual value there never rejects the record.
    private static String lenientString(JsonFields fields, String name, int maxLength) {
        JsonNode value = fields.node().get(name);
        if (value == null || !value.isString() || value.asString().isBlank()) {
            return null;
        }
        String text = value.asString();
        return text.length() <= maxLength ? text : text.substring(0, maxLength);
    }

    /** Object user metadata: owner, classification and tags, with case-insensitive header names. */
    private static final class UserMetadata {
        private final JsonNode node;
        private final String path;

        UserMetadata(JsonNode node, String path) {
            this.node = node;
            this.path = path;
        }

        String get(String header) {
            if (node == null) {
                return null;
            }
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                if (entry.getKey().equalsIgnoreCase(header)) {
                    if (!entry.getValue().isString()) {
                        throw new InvalidEventException(
                                path + '.' + entry.getKey(),
                                "must be a string, was " + JsonFields.describe(entry.getValue()),
                                RejectionReason.INVALID_VALUE);
                    }
                    String value = entry.getValue().asString().trim();
                    return value.isEmpty() ? null : value;
                }
            }
            return null;
        }

        UUID owner() {
            String value = get(OWNER_HEADER);
            return value == null ? null : JsonFields.uuid(path + '.' + OWNER_HEADER, value);
        }

        DataClassification classification() {
            String value = get(CLASSIFICATION_HEADER);
            return value == null
                    ? DataClassification.INTERNAL
                    : JsonFields.enumValue(path + '.' + CLASSIFICATION_HEADER, DataClassification.class, value);
        }

        List<String> tags() {
            String value = get(TAGS_HEADER);
            if (value == null) {
                return List.of();
            }
            List<String> tags = Arrays.stream(value.split(","))
                    .map(String::trim)
                    .filter(tag -> !tag.isEmpty())
                    .distinct()
                    .toList();
            // The same limits as the tags of a CloudEvent.
            if (tags.size() > FieldLimit.MAX_TAGS) {
                throw new InvalidEventException(
                        path + '.' + TAGS_HEADER,
                        "must hold at most " + FieldLimit.MAX_TAGS + " tags, held " + tags.size(),
                        RejectionReason.INVALID_VALUE);
            }
            for (String tag : tags) {
                String problem = JsonFields.lengthProblem(tag, FieldLimit.TAG.bytes());
                if (problem != null) {
                    throw new InvalidEventException(
                            path + '.' + TAGS_HEADER, "a tag " + problem, RejectionReason.INVALID_VALUE);
                }
            }
            return tags;
        }

        /** Whether the store encrypted the object (SSE-S3, SSE-KMS, SSE-C), as its metadata says. */
        boolean encrypted() {
            return get(SSE_HEADER) != null || get(SSE_CUSTOMER_HEADER) != null;
        }

        /** The KMS key of an SSE-KMS object, when the metadata names it. */
        String encryptionKeyId() {
            String value = get(SSE_KMS_KEY_HEADER);
            String problem = value == null ? null : JsonFields.lengthProblem(value, FieldLimit.ID.bytes());
            if (problem != null) {
                throw new InvalidEventException(
                        path + '.' + SSE_KMS_KEY_HEADER, problem, RejectionReason.INVALID_VALUE);
            }
            return value;
        }
    }
}
