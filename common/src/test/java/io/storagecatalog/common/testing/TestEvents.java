package io.storagecatalog.common.testing;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import tools.jackson.databind.json.JsonMapper;

/**
 * Test data for the event contract: valid, realistic records of both input topics, to be changed one
 * field at a time. Every builder starts from fresh random ids, so tests that share a database or a
 * broker do not see each other's files.
 *
 * <pre>{@code
 * RawRecord upload = TestEvents.upload().data("size", 10).binary();
 * RawRecord put = TestEvents.s3("s3:ObjectCreated:Put", "photos", "2024/beach+day.jpg").size(42).record();
 * }</pre>
 */
public final class TestEvents {

    /** A bcrypt hash (cost 12) in modular crypt format, as a share's {@code passwordHash}. */
    public static final String BCRYPT_HASH = "$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TestEvents() {}

    /** The mapper the builders write with (plain Jackson defaults). */
    public static JsonMapper json() {
        return JSON;
    }

    /** {@code storage.file.upload} of a new PDF, with every required field and nothing optional. */
    public static CloudEventBuilder upload() {
        String fileId = randomFileId();
        return file("storage.file.upload", fileId)
                .data("filename", "report-" + randomHex(4) + ".pdf")
                .data("mimeType", "application/pdf")
                .data("size", ThreadLocalRandom.current().nextLong(1_000, 50_000_000))
                .data("checksum", randomHex(32))
                .data("provider", "minio")
                .data("providerPath", "catalog/" + fileId);
    }

    /** {@code storage.file.download} of a file by its owner (no share). */
    public static CloudEventBuilder download() {
        return file("storage.file.download", randomFileId());
    }

    /** {@code storage.file.delete} (soft delete). */
    public static CloudEventBuilder delete() {
        return file("storage.file.delete", randomFileId());
    }

    /** {@code storage.file.restore} (undo of a soft delete). */
    public static CloudEventBuilder restore() {
        return file("storage.file.restore", randomFileId());
    }

    /** {@code storage.file.copy}: a new file copied from another one, with its own path and name. */
    public static CloudEventBuilder copy() {
        String fileId = randomFileId();
        return file("storage.file.copy", fileId)
                .data("sourceFileId", randomFileId())
                .data("providerPath", "catalog/" + fileId)
                .data("filename", "copy-of-report-" + randomHex(4) + ".pdf");
    }

    /** {@code storage.file.move}: renamed and moved. */
    public static CloudEventBuilder move() {
        return file("storage.file.move", randomFileId())
                .data("providerPath", "archive/" + randomHex(8) + ".pdf")
                .data("filename", "archived-" + randomHex(4) + ".pdf");
    }

    /** {@code storage.file.update-metadata}: a new name and a stricter classification. */
    public static CloudEventBuilder updateMetadata() {
        return file("storage.file.update-metadata", randomFileId())
                .data(
                        "changes",
                        Map.of("filename", "renamed-" + randomHex(4) + ".pdf", "dataClassification", "confidential"));
    }

    /** {@code storage.file.share} with another user: read-only, password-protected, expiring in a week. */
    public static CloudEventBuilder share() {
        return file("storage.file.share", randomFileId())
                .data("shareId", UUID.randomUUID().toString())
                .data("sharedWith", UUID.randomUUID().toString())
                .data("canWrite", false)
                .data(
                        "expiresAt",
                        Instant.now()
                                .plus(7, ChronoUnit.DAYS)
                                .truncatedTo(ChronoUnit.SECONDS)
                                .toString())
                .data("passwordHash", BCRYPT_HASH)
                .data("maxDownloads", 10);
    }

    /** {@code storage.file.revoke-share}. */
    public static CloudEventBuilder revokeShare() {
        return file("storage.file.revoke-share", randomFileId())
                .data("shareId", UUID.randomUUID().toString());
    }

    /** {@code storage.quota.set} for a user: 10 GiB, 10,000 files, 100 MiB per file. */
    public static CloudEventBuilder quotaSet() {
        UUID user = UUID.randomUUID();
        return new CloudEventBuilder(JSON, "storage.quota.set")
                .data("entityType", "user")
                .data("entityId", user.toString())
                .userId(user)
                .data("maxStorageBytes", 10L * 1024 * 1024 * 1024)
                .data("maxFiles", 10_000)
                .data("maxFileSizeBytes", 100L * 1024 * 1024);
    }

    /**
     * A MinIO bucket notification of one object.
     *
     * @param eventName  as MinIO writes it, e.g. {@code s3:ObjectCreated:Put}
     * @param encodedKey the object key as it appears in the record: URL-encoded ({@code +} for a space)
     */
    public static S3RecordBuilder s3(String eventName, String bucket, String encodedKey) {
        return new S3RecordBuilder(JSON, eventName, bucket, encodedKey);
    }

    /** A file id as upstream services make them: {@code files/<uuid>.pdf}. */
    public static String randomFileId() {
        return "files/" + UUID.randomUUID() + ".pdf";
    }

    static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    private static CloudEventBuilder file(String type, String fileId) {
        return new CloudEventBuilder(JSON, type).fileId(fileId).userId(UUID.randomUUID());
    }
}
