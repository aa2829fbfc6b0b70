package io.storagecatalog.common.event;

import io.storagecatalog.common.event.CatalogCommand.Copy;
import io.storagecatalog.common.event.CatalogCommand.Delete;
import io.storagecatalog.common.event.CatalogCommand.Download;
import io.storagecatalog.common.event.CatalogCommand.MetadataChanges;
import io.storagecatalog.common.event.CatalogCommand.Move;
import io.storagecatalog.common.event.CatalogCommand.Restore;
import io.storagecatalog.common.event.CatalogCommand.RevokeShare;
import io.storagecatalog.common.event.CatalogCommand.SetQuota;
import io.storagecatalog.common.event.CatalogCommand.Share;
import io.storagecatalog.common.event.CatalogCommand.UpdateMetadata;
import io.storagecatalog.common.event.CatalogCommand.Upload;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * The CloudEvents 1.0 Kafka protocol binding for {@code storage.file-events}, structured and binary
 * mode, and the validation of every {@code data} schema of the contract.
 */
final class CloudEventParser {

    static final String CONTENT_TYPE = "content-type";
    static final String STRUCTURED_CONTENT_TYPE = "application/cloudevents+json";
    private static final String BINARY_PREFIX = "ce_";

    /** Argon2id or bcrypt in PHC / modular crypt format. */
    private final JsonDocuments json;

    CloudEventParser(JsonDocuments json) {
        this.json = json;
    }

    CatalogEvent parse(RawRecord record) {
        Attributes attributes = attributesOf(record);
        String specVersion = attributes.required("specversion");
        if (!"1.0".equals(specVersion)) {
            throw attributes.invalid("specversion", "must be 1.0");
        }
        String id = attributes.required("id");
        String source = attributes.required("source");
        if (source.chars().anyMatch(Character::isWhitespace)) {
            throw attributes.invalid("source", "must not contain whitespace");
        }
        String type = attributes.required("type");
        Operation operation = Operation.ofCeType(type)
                .orElseThrow(() -> new InvalidEventException(
                        attributes.name("type"),
                        "is not a type of the contract (docs/events.md)",
                        RejectionReason.UNKNOWN_TYPE));
        String timeText = attributes.optional("time");
        Instant time = JsonFields.eventTime(
                attributes.name("time"),
                timeText == null ? null : JsonFields.time(attributes.name("time"), timeText),
                record.timestamp());
        String subject = attributes.optional("subject");

        JsonFields data = attributes.data();
        AuditContext audit = auditContext(data);
        // A failed or pending operation is recorded whatever it carries; only its target must be known.
        JsonFields fields = audit.succeeded() ? data : new JsonFields(json.mapper(), data.node(), "data", true);
        CatalogCommand command = command(operation, fields, audit);

        String routingKey = command.routingKey();
        if (subject != null && !subject.equals(routingKey)) {
            throw new InvalidEventException(
                    attributes.name("subject"),
                    "does not match the event's key (its file " + "or quota entity)",
                    RejectionReason.KEY_MISMATCH);
        }
        if (record.key() != null && !record.key().equals(routingKey)) {
            throw new InvalidEventException(
                    "key",
                    "the record key does not match the event's key, its file or quota "
                            + "entity (events of one file must share its key to stay in order)",
                    RejectionReason.KEY_MISMATCH);
        }
        return new CatalogEvent(
                new EventId(source, id), operation, time, audit, command, null, CatalogEvent.Origin.of(record));
    }

    private Attributes attributesOf(RawRecord record) {
        String contentType = record.header(CONTENT_TYPE);
        if (record.header(BINARY_PREFIX + "specversion") != null) {
            if (contentType != null && !mediaType(contentType).equals("application/json")) {
                throw new InvalidEventException(
                        CONTENT_TYPE,
                        "binary-mode data must be application/json, was '" + JsonFields.abbreviate(contentType) + "'",
                        RejectionReason.MALFORMED);
            }
            return new BinaryAttributes(record);
        }
        if (contentType != null && mediaType(contentType).equals(STRUCTURED_CONTENT_TYPE)) {
            return new StructuredAttributes(json.parseObject("value", requireValue(record)));
        }
        if (record.headers().keySet().stream().anyMatch(name -> name.startsWith(BINARY_PREFIX))) {
            // Binary mode without its specversion: say so, rather than that ce_* headers are missing.
            throw new InvalidEventException(
                    BINARY_PREFIX + "specversion", "is required", RejectionReason.MISSING_FIELD);
        }
        throw new InvalidEventException(
                CONTENT_TYPE,
                "expected " + STRUCTURED_CONTENT_TYPE
                        + " (structured mode) or ce_* headers (binary mode), was "
                        + (contentType == null ? "absent" : "'" + JsonFields.abbreviate(contentType) + "'"),
                RejectionReason.MALFORMED);
    }

    private static byte[] requireValue(RawRecord record) {
        if (record.value() == null || record.value().length == 0) {
            throw new InvalidEventException("value", "is empty", RejectionReason.MALFORMED);
        }
        return record.value();
    }

    private static String mediaType(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
                .trim()
                .toLowerCase(Locale.ROOT);
    }

    private AuditContext auditContext(JsonFields data) {
        JsonFields strict = data.strict();
        return new AuditContext(
                strict.optionalUuid("userId"),
                strict.optionalEnum("status", OperationStatus.class, OperationStatus.SUCCESS),
                strict.optionalString("provider", FieldLimit.NAME.bytes()),
                strict.optionalSize("bytesTransferred"),
                strict.optionalInt("durationMs", 0),
                strict.optionalString("clientIp", FieldLimit.CODE.bytes()),
                strict.optionalString("userAgent", FieldLimit.NAME.bytes()),
                strict.optionalString("sessionId", FieldLimit.ID.bytes()),
                strict.optionalString("correlationId", FieldLimit.ID.bytes()),
                strict.optionalString("purpose", FieldLimit.NAME.bytes()),
                strict.optionalString("errorCode", FieldLimit.NAME.bytes()),
                strict.optionalString("errorMessage", FieldLimit.TEXT.bytes()),
                strict.optionalObjectJson("errorDetails"),
                strict.optionalObjectJson("metadata"));
    }

    private CatalogCommand command(Operation operation, JsonFields data, AuditContext audit) {
        if (operation == Operation.QUOTA_SET) {
            return setQuota(data);
        }
        // The file is named by every file event, whatever its status.
        String fileId = data.strict().requiredPath("fileId");
        return switch (operation) {
            case UPLOAD -> upload(fileId, data, audit);
            case DOWNLOAD -> new Download(fileId, data.optionalUuid("shareId"));
            case DELETE -> new Delete(fileId);
            case RESTORE -> new Restore(fileId);
            case COPY -> copy(fileId, data, audit);
            case MOVE -> move(fileId, data);
            case UPDATE_METADATA -> updateMetadata(fileId, data);
            case SHARE -> share(fileId, data, audit);
            case REVOKE_SHARE -> new RevokeShare(fileId, data.requiredUuid("shareId"));
            case QUOTA_SET -> throw new IllegalStateException("handled above");
        };
    }

    private Upload upload(String fileId, JsonFields data, AuditContext audit) {
        requireActor(audit, "upload (it is the owner)");
        String filename = data.requiredName("filename");
        String originalName = data.optionalName("originalName");
        List<String> tags = data.optionalStringArray("tags");
        return new Upload(
                fileId,
                filename,
                originalName == null ? filename : originalName,
                data.requiredString("mimeType", FieldLimit.MEDIA_TYPE.bytes()),
                orZero(data.requiredSize("size")),
                data.requiredString("checksum", FieldLimit.DIGEST.bytes()),
                orDefault(data.optionalString("checksumAlgorithm", FieldLimit.CODE.bytes()), "sha256"),
                data.optionalString("encoding", FieldLimit.CODE.bytes()),
                data.requiredString("provider", FieldLimit.NAME.bytes()),
                data.requiredPath("providerPath"),
                orDefault(data.optionalObjectJson("providerMetadata"), "{}"),
                data.optionalEnum("dataClassification", DataClassification.class, DataClassification.INTERNAL),
                data.optionalBoolean("encrypted", false),
                data.optionalString("encryptionKeyId", FieldLimit.ID.bytes()),
                tags == null ? List.of() : tags,
                orDefault(data.optionalObjectJson("customMetadata"), "{}"),
                data.optionalString("versionFileId", FieldLimit.ID.bytes()),
                data.optionalString("changeDescription", FieldLimit.TEXT.bytes()),
                data.optionalString("organizationId", FieldLimit.ID.bytes()),
                data.optionalString("projectId", FieldLimit.ID.bytes()));
    }

    private static Copy copy(String fileId, JsonFields data, AuditContext audit) {
        requireActor(audit, "copy (the copier owns and is charged for the copy)");
        String sourceFileId = data.requiredPath("sourceFileId");
        if (fileId.equals(sourceFileId)) {
            throw data.invalid("sourceFileId", "must differ from data.fileId (a copy is a new file)");
        }
        return new Copy(fileId, sourceFileId, data.optionalPath("providerPath"), data.optionalName("filename"));
    }

    private static void requireActor(AuditContext audit, String why) {
        if (audit.succeeded() && audit.userId() == null) {
            throw new InvalidEventException(
                    "data.userId", "is required for a successful " + why, RejectionReason.MISSING_FIELD);
        }
    }

    private static Move move(String fileId, JsonFields data) {
        String providerPath = data.optionalPath("providerPath");
        String filename = data.optionalName("filename");
        if (providerPath == null && filename == null && !data.lenient()) {
            throw new InvalidEventException(
                    "data", "a move needs providerPath or filename (or both)", RejectionReason.MISSING_FIELD);
        }
        return new Move(fileId, providerPath, filename);
    }

    private UpdateMetadata updateMetadata(String fileId, JsonFields data) {
        JsonFields changes = data.requiredObject("changes");
        MetadataChanges parsed = new MetadataChanges(
                changes.optionalName("filename"),
                changes.optionalString("mimeType", FieldLimit.MEDIA_TYPE.bytes()),
                changes.optionalEnum("dataClassification", DataClassification.class, null),
                changes.optionalStringArray("tags"),
                changes.optionalObjectJson("customMetadata"));
        if (parsed.filename() == null
                && parsed.mimeType() == null
                && parsed.classification() == null
                && parsed.tags() == null
                && parsed.customMetadataJson() == null
                && !data.lenient()) {
            throw new InvalidEventException(
                    "data.changes",
                    "must change at least one of filename, mimeType, " + "dataClassification, tags, customMetadata",
                    RejectionReason.MISSING_FIELD);
        }
        return new UpdateMetadata(fileId, parsed);
    }

    private static Share share(String fileId, JsonFields data, AuditContext audit) {
        if (data.has("password")) {
            throw new InvalidEventException(
                    "data.password",
                    "a clear password is not accepted; send passwordHash " + "as an Argon2id or bcrypt PHC hash",
                    RejectionReason.CLEAR_PASSWORD);
        }
        String passwordHash = data.optionalString("passwordHash", FieldLimit.DIGEST.bytes());
        if (passwordHash != null && !PasswordHashPolicy.isHash(passwordHash)) {
            // Never echo the value: it may be the clear password itself.
            throw new InvalidEventException(
                    "data.passwordHash",
                    "a clear password is not accepted; send an " + "Argon2id or bcrypt PHC hash",
                    RejectionReason.CLEAR_PASSWORD);
        }
        String costProblem = passwordHash == null ? null : PasswordHashPolicy.problem(passwordHash);
        if (costProblem != null) {
            throw new InvalidEventException("data.passwordHash", costProblem, RejectionReason.INVALID_VALUE);
        }
        requireActor(audit, "share (it names the sharer)");
        UUID sharedWith = data.requiredUuid("sharedWith");
        if (sharedWith != null && sharedWith.equals(audit.userId())) {
            throw new InvalidEventException(
                    "data.sharedWith", "must differ from data.userId (no self-share)", RejectionReason.INVALID_VALUE);
        }
        return new Share(
                fileId,
                data.requiredUuid("shareId"),
                sharedWith,
                data.optionalBoolean("canRead", true),
                data.optionalBoolean("canWrite", false),
                data.optionalBoolean("canDelete", false),
                data.optionalBoolean("canShare", false),
                data.optionalTime("expiresAt"),
                passwordHash,
                data.optionalInt("maxDownloads", 1));
    }

    private static SetQuota setQuota(JsonFields data) {
        JsonFields strict = data.strict();
        return new SetQuota(
                strict.requiredEnum("entityType", QuotaEntityType.class),
                strict.requiredString("entityId", FieldLimit.ID.bytes()),
                data.optionalUuid("userId"),
                orZero(data.requiredLong("maxStorageBytes", 1)),
                orZeroInt(data.requiredInt("maxFiles", 1)),
                orZero(data.requiredLong("maxFileSizeBytes", 1)),
                data.optionalBoolean("isActive", true));
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }

    private static int orZeroInt(Integer value) {
        return value == null ? 0 : value;
    }

    private static String orDefault(String value, String defaultValue) {
        return value == null ? defaultValue : value;
    }

    /** The context attributes of one mode, named as that mode names them in errors. */
    private interface Attributes {
        String name(String attribute);

        String optional(String attribute);

        JsonFields data();

        default String required(String attribute) {
            String value = optional(attribute);
            if (value == null) {
                throw new InvalidEventException(name(attribute), "is required", RejectionReason.MISSING_FIELD);
            }
            return value;
        }

        default InvalidEventException invalid(String attribute, String problem) {
            return new InvalidEventException(name(attribute), problem, RejectionReason.INVALID_VALUE);
        }
    }

    private final class StructuredAttributes implements Attributes {
        private final JsonFields envelope;

        StructuredAttributes(JsonNode root) {
            this.envelope = new JsonFields(json.mapper(), root, "", false);
        }

        @Override
        public String name(String attribute) {
            return attribute;
        }

        @Override
        public String optional(String attribute) {
            return envelope.optionalString(attribute, FieldLimit.ID.bytes());
        }

        @Override
        public JsonFields data() {
            if (envelope.has("data_base64")) {
                throw new InvalidEventException(
                        "data_base64",
                        "binary data is not accepted; send data as a JSON object",
                        RejectionReason.MALFORMED);
            }
            String dataContentType = envelope.optionalString("datacontenttype", FieldLimit.MEDIA_TYPE.bytes());
            if (dataContentType != null && !mediaType(dataContentType).equals("application/json")) {
                throw new InvalidEventException(
                        "datacontenttype",
                        "must be application/json, was '" + JsonFields.abbreviate(dataContentType) + "'",
                        RejectionReason.MALFORMED);
            }
            return envelope.requiredObject("data");
        }
    }

    private final class BinaryAttributes implements Attributes {
        private final RawRecord record;

        BinaryAttributes(RawRecord record) {
            this.record = record;
        }

        @Override
        public String name(String attribute) {
            return BINARY_PREFIX + attribute;
        }

        @Override
        public String optional(String attribute) {
            String value = record.header(name(attribute));
            if (value == null) {
                return null;
            }
            if (value.isBlank()) {
                throw invalid(attribute, "must not be blank");
            }
            if (value.indexOf('\0') >= 0) {
                throw invalid(attribute, "contains a NUL character (U+0000), which cannot be stored");
            }
            String tooLong = JsonFields.lengthProblem(value, FieldLimit.ID.bytes());
            if (tooLong != null) {
                throw invalid(attribute, tooLong);
            }
            return value;
        }

        @Override
        public JsonFields data() {
            if (record.value() == null || record.value().length == 0) {
                throw new InvalidEventException(
                        "data", "is required (the record value)", RejectionReason.MISSING_FIELD);
            }
            return new JsonFields(json.mapper(), json.parseObject("data", record.value()), "data", false);
        }
    }
}
