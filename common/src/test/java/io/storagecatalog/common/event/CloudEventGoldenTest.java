package io.storagecatalog.common.event;

import static org.assertj.core.api.Assertions.assertThat;

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
import io.storagecatalog.common.event.EventContract.RecordFormat;
import io.storagecatalog.common.testing.CloudEventBuilder;
import io.storagecatalog.common.testing.TestEvents;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Valid CloudEvents of every type, in both modes, against the exact event the contract makes of them.
 */
@Tag("unit")
class CloudEventGoldenTest {

    private static final String SOURCE = "/storage-api";
    private static final String ID = "5f0c1a52-8d0e-4c61-9d6b-7a3e2b1c0d9e";
    private static final String FILE = "files/2c9b6f0e.pdf";
    private static final UUID USER = UUID.fromString("8d3c5a1e-2f47-4b6a-9c0d-1e2f3a4b5c6d");
    private static final UUID OTHER_USER = UUID.fromString("0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9");
    private static final UUID SHARE = UUID.fromString("c4d5e6f7-0819-4a2b-8c3d-4e5f60718293");
    private static final Instant TIME = Instant.parse("2025-03-14T09:26:53.589Z");
    private static final Instant TIMESTAMP = Instant.parse("2025-03-14T09:26:55Z");
    private static final String SHA256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private static final CatalogEvent.Origin ORIGIN = new CatalogEvent.Origin("storage.file-events", 3, 42);

    private final EventContract contract = new EventContract();

    enum Mode {
        STRUCTURED,
        BINARY;

        RawRecord of(CloudEventBuilder event) {
            return this == STRUCTURED ? event.structured() : event.binary();
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void parsesUploadWithEveryField(Mode mode) {
        CloudEventBuilder upload = file(TestEvents.upload())
                .data("filename", "q1-report.pdf")
                .data("originalName", "Q1 report (final).pdf")
                .data("mimeType", "application/pdf")
                .data("size", 248_731L)
                .data("checksum", SHA256)
                .data("checksumAlgorithm", "sha256")
                .data("encoding", "gzip")
                .data("provider", "minio")
                .data("providerPath", "catalog/files/2c9b6f0e.pdf")
                .data("providerMetadata", ordered("bucket", "catalog", "storageClass", "STANDARD"))
                .data("dataClassification", "restricted")
                .data("encrypted", true)
                .data("encryptionKeyId", "kms/key-7")
                .data("tags", List.of("finance", "q1"))
                .data("customMetadata", ordered("department", "finance", "retention", ordered("years", 7)))
                .data("versionFileId", "files/1a2b3c4d.pdf")
                .data("changeDescription", "typo fixed on page 3")
                .data("organizationId", "org-17")
                .data("projectId", "project-4")
                .data("bytesTransferred", 248_731L)
                .data("durationMs", 812)
                .data("clientIp", "203.0.113.7")
                .data("userAgent", "storage-api/2.3")
                .data("sessionId", "session-81")
                .data("correlationId", "corr-99")
                .data("purpose", "quarterly close")
                .data("metadata", ordered("requestId", "r-1"));

        CatalogEvent event = parse(mode.of(upload));

        CatalogEvent expected = expected(
                Operation.UPLOAD,
                new AuditContext(
                        USER,
                        OperationStatus.SUCCESS,
                        "minio",
                        248_731L,
                        812,
                        "203.0.113.7",
                        "storage-api/2.3",
                        "session-81",
                        "corr-99",
                        "quarterly close",
                        null,
                        null,
                        null,
                        "{\"requestId\":\"r-1\"}"),
                new Upload(
                        FILE,
                        "q1-report.pdf",
                        "Q1 report (final).pdf",
                        "application/pdf",
                        248_731L,
                        SHA256,
                        "sha256",
                        "gzip",
                        "minio",
                        "catalog/files/2c9b6f0e.pdf",
                        "{\"bucket\":\"catalog\",\"storageClass\":\"STANDARD\"}",
                        DataClassification.RESTRICTED,
                        true,
                        "kms/key-7",
                        List.of("finance", "q1"),
                        "{\"department\":\"finance\",\"retention\":{\"years\":7}}",
                        "files/1a2b3c4d.pdf",
                        "typo fixed on page 3",
                        "org-17",
                        "project-4"));
        assertThat(event).usingRecursiveComparison().isEqualTo(expected);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void appliesUploadDefaults(Mode mode) {
        CloudEventBuilder upload = file(TestEvents.upload())
                .data("filename", "q1-report.pdf")
                .data("mimeType", "application/pdf")
                .data("size", 0)
                .data("checksum", SHA256)
                .data("provider", "minio")
                .data("providerPath", "catalog/files/2c9b6f0e.pdf");

        CatalogEvent event = parse(mode.of(upload));

        assertThat(event)
                .usingRecursiveComparison()
                .isEqualTo(expected(
                        Operation.UPLOAD,
                        audit("minio"),
                        new Upload(
                                FILE,
                                "q1-report.pdf",
                                "q1-report.pdf",
                                "application/pdf",
                                0,
                                SHA256,
                                "sha256",
                                null,
                                "minio",
                                "catalog/files/2c9b6f0e.pdf",
                                "{}",
                                DataClassification.INTERNAL,
                                false,
                                null,
                                List.of(),
                                "{}",
                                null,
                                null,
                                null,
                                null)));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void readsJsonNullAsAbsent(Mode mode) {
        CloudEventBuilder upload = TestEvents.upload()
                .data("originalName", null)
                .data("dataClassification", null)
                .data("tags", null)
                .data("customMetadata", null);

        Upload command = (Upload) parse(mode.of(upload)).command();

        assertThat(command.originalName()).isEqualTo(command.filename());
        assertThat(command.classification()).isEqualTo(DataClassification.INTERNAL);
        assertThat(command.tags()).isEmpty();
        assertThat(command.customMetadataJson()).isEqualTo("{}");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void roundTripsTagsAsList(Mode mode) {
        CloudEventBuilder upload = TestEvents.upload().data("tags", List.of("b", "a", "a", "ünïcode tag"));

        Upload command = (Upload) parse(mode.of(upload)).command();

        assertThat(command.tags()).containsExactly("b", "a", "a", "ünïcode tag");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void keepsCustomMetadataAsJsonObjectText(Mode mode) {
        Map<String, Object> custom =
                ordered("pages", 12, "reviewed", true, "authors", List.of("ana", "bo"), "note", null);
        CloudEventBuilder upload = TestEvents.upload().data("customMetadata", custom);

        Upload command = (Upload) parse(mode.of(upload)).command();

        assertThat(command.customMetadataJson())
                .isEqualTo("{\"pages\":12,\"reviewed\":true,\"authors\":[\"ana\",\"bo\"],\"note\":null}");
        assertThat(TestEvents.json().readTree(command.customMetadataJson()).isObject())
                .isTrue();
    }

    @ParameterizedTest
    @CsvSource({"STRUCTURED, failed", "BINARY, failed", "STRUCTURED, pending", "BINARY, pending"})
    void acceptsUnsuccessfulUploadWithOnlyFileId(Mode mode, String status) {
        CloudEventBuilder upload = file(TestEvents.upload())
                .status(status)
                .without("userId")
                .without("filename")
                .without("mimeType")
                .without("size")
                .without("checksum")
                .without("provider")
                .without("providerPath")
                .data("errorCode", "STORAGE_UNAVAILABLE")
                .data("errorMessage", "bucket unreachable")
                .data("errorDetails", ordered("attempts", 3));

        CatalogEvent event = parse(mode.of(upload));

        OperationStatus expectedStatus = OperationStatus.valueOf(status.toUpperCase(java.util.Locale.ROOT));
        assertThat(event)
                .usingRecursiveComparison()
                .isEqualTo(expected(
                        Operation.UPLOAD,
                        new AuditContext(
                                null,
                                expectedStatus,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                "STORAGE_UNAVAILABLE",
                                "bucket unreachable",
                                "{\"attempts\":3}",
                                null),
                        new Upload(
                                FILE,
                                null,
                                null,
                                null,
                                0,
                                null,
                                "sha256",
                                null,
                                null,
                                null,
                                "{}",
                                DataClassification.INTERNAL,
                                false,
                                null,
                                List.of(),
                                "{}",
                                null,
                                null,
                                null,
                                null)));
        assertThat(event.audit().succeeded()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void acceptsFailedMoveAndMetadataUpdateWithOnlyFileId(Mode mode) {
        CatalogEvent move = parse(mode.of(
                file(TestEvents.move()).status("failed").without("providerPath").without("filename")));
        CatalogEvent update =
                parse(mode.of(file(TestEvents.updateMetadata()).status("failed").without("changes")));

        assertThat(move.command()).isEqualTo(new Move(FILE, null, null));
        assertThat(update.command())
                .isEqualTo(new UpdateMetadata(FILE, new MetadataChanges(null, null, null, null, null)));
        assertThat(move.audit().status()).isEqualTo(OperationStatus.FAILED);
        assertThat(update.audit().status()).isEqualTo(OperationStatus.FAILED);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void parsesDownloadThroughShare(Mode mode) {
        CatalogEvent event = parse(mode.of(file(TestEvents.download())
                .data("shareId", SHARE.toString())
                .data("bytesTransferred", 1024)
                .data("durationMs", 30)));

        assertThat(event)
                .usingRecursiveComparison()
                .isEqualTo(expected(
                        Operation.DOWNLOAD,
                        new AuditContext(
                                USER,
                                OperationStatus.SUCCESS,
                                null,
                                1024L,
                                30,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null),
                        new Download(FILE, SHARE)));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void parsesDownloadByOwner(Mode mode) {
        CatalogEvent event = parse(mode.of(file(TestEvents.download())));

        assertThat(event)
                .usingRecursiveComparison()
                .isEqualTo(expected(Operation.DOWNLOAD, audit(null), new Download(FILE, null)));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void parsesDelete(Mode mode) {
        CatalogEvent event = parse(mode.of(file(TestEvents.delete())));

        assertThat(event)
                .usingRecursiveComparison()
                .isEqualTo(expected(Operation.DELETE, audit(null), new Delete(FILE)));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void parsesRestore(Mode mode) {
        CatalogEvent event = parse(mode.of(file(TestEvents.restore())));

        assertThat(event)
                .usingRecursiveComparison()
                .isEqualTo(expected(Operation.RESTORE, audit(null), new Restore(FILE)));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void parsesCopy(Mode mode) {
        CatalogEvent event = parse(mode.of(file(TestEvents.copy())
                .data("sourceFileId", "files/original.pdf")
                .data("providerPath", "catalog/files/2c9b6f0e.pdf")
                .data("filename", "copy.pdf")));

        assertThat(event)
                .usingRecursiveComparison()
                .isEqualTo(expected(
                        Operation.COPY,
                        audit(null),
                        new Copy(FILE, "files/original.pdf", "catalog/files/2c9b6f0e.pdf", "copy.pdf")));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void parsesCopyWithoutPathOrName(Mode mode) {
        CatalogEvent event = parse(mode.of(file(TestEvents.copy())
                .data("sourceFileId", "files/original.pdf")
                .without("providerPath")
                .without("filename")));

        assertThat(event.command()).isEqualTo(new Copy(FILE, "files/original.pdf", null, null));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void parsesMove(Mode mode) {
        CatalogEvent event = parse(mode.of(file(TestEvents.move())
                .data("providerPath", "archive/2024/q1.pdf")
                .data("filename", "q1.pdf")));

        assertThat(event)
                .usingRecursiveComparison()
                .isEqualTo(expected(Operation.MOVE, audit(null), new Move(FILE, "archive/2024/q1.pdf", "q1.pdf")));
    }

    @ParameterizedTest
    @CsvSource({"STRUCTURED, providerPath", "BINARY, providerPath", "STRUCTURED, filename", "BINARY, filename"})
    void parsesMoveWithOnlyOneOfPathAndName(Mode mode, String missing) {
        CatalogEvent event = parse(mode.of(file(TestEvents.move())
                .data("providerPath", "archive/q1.pdf")
                .data("filename", "q1.pdf")
                .without(missing)));

        Move move = (Move) event.command();
        assertThat(missing.equals("providerPath") ? move.providerPath() : move.filename())
                .isNull();
        assertThat(missing.equals("providerPath") ? move.filename() : move.providerPath())
                .isNotNull();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void parsesUpdateMetadataWithEveryChange(Mode mode) {
        CatalogEvent event = parse(mode.of(file(TestEvents.updateMetadata())
                .data(
                        "changes",
                        ordered(
                                "filename",
                                "renamed.pdf",
                                "mimeType",
                                "application/x-pdf",
                                "dataClassification",
                                "public",
                                "tags",
                                List.of("published"),
                                "customMetadata",
                                ordered("reviewed", true)))));

        assertThat(event)
                .usingRecursiveComparison()
                .isEqualTo(expected(
                        Operation.UPDATE_METADATA,
                        audit(null),
                        new UpdateMetadata(
                                FILE,
                                new MetadataChanges(
                                        "renamed.pdf",
                                        "application/x-pdf",
                                        DataClassification.PUBLIC,
                                        List.of("published"),
                                        "{\"reviewed\":true}"))));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void keepsAbsentMetadataChangesAsNull(Mode mode) {
        CatalogEvent event =
                parse(mode.of(file(TestEvents.updateMetadata()).data("changes", ordered("tags", List.of()))));

        assertThat(event.command())
                .isEqualTo(new UpdateMetadata(FILE, new MetadataChanges(null, null, null, List.of(), null)));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void parsesShareWithEveryField(Mode mode) {
        CatalogEvent event = parse(mode.of(file(TestEvents.share())
                .data("shareId", SHARE.toString())
                .data("sharedWith", OTHER_USER.toString())
                .data("canRead", false)
                .data("canWrite", true)
                .data("canDelete", true)
                .data("canShare", true)
                .data("expiresAt", "2025-03-21T09:00:00+01:00")
                .data("passwordHash", TestEvents.BCRYPT_HASH)
                .data("maxDownloads", 5)));

        assertThat(event)
                .usingRecursiveComparison()
                .isEqualTo(expected(
                        Operation.SHARE,
                        audit(null),
                        new Share(
                                FILE,
                                SHARE,
                                OTHER_USER,
                                false,
                                true,
                                true,
                                true,
                                Instant.parse("2025-03-21T08:00:00Z"),
                                TestEvents.BCRYPT_HASH,
                                5)));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void appliesShareDefaults(Mode mode) {
        CloudEventBuilder share = file(TestEvents.share())
                .data("shareId", SHARE.toString())
                .data("sharedWith", OTHER_USER.toString())
                .without("canWrite")
                .without("expiresAt")
                .without("passwordHash")
                .without("maxDownloads");

        CatalogEvent event = parse(mode.of(share));

        assertThat(event.command())
                .usingRecursiveComparison()
                .isEqualTo(new Share(FILE, SHARE, OTHER_USER, true, false, false, false, null, null, null));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void acceptsArgon2idPasswordHash(Mode mode) {
        String argon2 = "$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG";

        Share share = (Share)
                parse(mode.of(TestEvents.share().data("passwordHash", argon2))).command();

        assertThat(share.passwordHash()).isEqualTo(argon2);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void parsesRevokeShare(Mode mode) {
        CatalogEvent event = parse(mode.of(file(TestEvents.revokeShare()).data("shareId", SHARE.toString())));

        assertThat(event)
                .usingRecursiveComparison()
                .isEqualTo(expected(Operation.REVOKE_SHARE, audit(null), new RevokeShare(FILE, SHARE)));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void parsesQuotaSet(Mode mode) {
        CloudEventBuilder quota = common(TestEvents.quotaSet())
                .data("entityType", "user")
                .data("entityId", USER.toString())
                .data("maxStorageBytes", 10_737_418_240L)
                .data("maxFiles", 10_000)
                .data("maxFileSizeBytes", 104_857_600L)
                .data("isActive", false);

        CatalogEvent event = parse(mode.of(quota));

        assertThat(event)
                .usingRecursiveComparison()
                .isEqualTo(new CatalogEvent(
                        new EventId(SOURCE, ID),
                        Operation.QUOTA_SET,
                        TIME,
                        audit(null),
                        new SetQuota(
                                QuotaEntityType.USER,
                                USER.toString(),
                                USER,
                                10_737_418_240L,
                                10_000,
                                104_857_600L,
                                false),
                        null,
                        ORIGIN));
        assertThat(event.fileId()).isNull();
        assertThat(event.command().routingKey()).isEqualTo("user:" + USER);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void defaultsQuotaToActive(Mode mode) {
        CloudEventBuilder quota = TestEvents.quotaSet()
                .data("entityType", "organization")
                .data("entityId", "org-17")
                .without("userId")
                .without("isActive");

        CatalogEvent event = parse(mode.of(quota));

        SetQuota command = (SetQuota) event.command();
        assertThat(command.active()).isTrue();
        assertThat(command.userId()).isNull();
        assertThat(command.entityType()).isEqualTo(QuotaEntityType.ORGANIZATION);
        assertThat(command.routingKey()).isEqualTo("organization:org-17");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void fallsBackToRecordTimestampWithoutTime(Mode mode) {
        CatalogEvent event = parse(mode.of(file(TestEvents.delete()).noTime()));

        assertThat(event.time()).isEqualTo(TIMESTAMP);
    }

    @ParameterizedTest
    @CsvSource({
        "STRUCTURED, 2025-03-14T09:26:53.589Z",
        "BINARY,     2025-03-14T09:26:53.589Z",
        "STRUCTURED, 2025-03-14T10:26:53.589+01:00",
        "BINARY,     2025-03-14T04:56:53.589-04:30",
        "STRUCTURED, 2025-03-14t09:26:53.589z",
        "BINARY,     2025-03-14t11:26:53.589+02:00",
        "BINARY,     2025-03-14T09:26:53.589000000Z"
    })
    void parsesRfc3339TimeWithOffsetsAndLowerCase(Mode mode, String time) {
        CatalogEvent event = parse(mode.of(file(TestEvents.delete()).time(time)));

        assertThat(event.time()).isEqualTo(TIME);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void identifiesEventBySourceAndId(Mode mode) {
        CloudEventBuilder delete =
                TestEvents.delete().source("//storage.example.com/api").id("evt-1");

        CatalogEvent event = parse(mode.of(delete));

        assertThat(event.id()).isEqualTo(new EventId("//storage.example.com/api", "evt-1"));
        assertThat(event.id()).isEqualTo(delete.eventId());
        assertThat(event.id().key()).isEqualTo("//storage.example.com/api evt-1");
    }

    @Test
    void givesSameIdentityToTheSameEventInEitherMode() {
        CloudEventBuilder upload = TestEvents.upload();

        assertThat(parse(upload.structured()).id())
                .isEqualTo(parse(upload.binary()).id());
        assertThat(parse(upload.binary()).id()).isEqualTo(parse(upload.binary()).id());
    }

    @Test
    void givesDifferentIdentitiesToDifferentIdsOrSources() {
        CloudEventBuilder delete = TestEvents.delete().id("evt-1").source("/a");

        EventId first = parse(delete.binary()).id();

        assertThat(parse(delete.id("evt-2").binary()).id()).isNotEqualTo(first);
        assertThat(parse(delete.id("evt-1").source("/b").binary()).id()).isNotEqualTo(first);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void acceptsSubjectEqualToKey(Mode mode) {
        CatalogEvent event = parse(mode.of(file(TestEvents.delete()).subject(FILE)));

        assertThat(event.fileId()).isEqualTo(FILE);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void acceptsRecordWithoutKey(Mode mode) {
        CatalogEvent event = parse(mode.of(file(TestEvents.delete()).key(null)));

        assertThat(event.fileId()).isEqualTo(FILE);
    }

    @Test
    void acceptsContentTypesWithParameters() {
        CloudEventBuilder delete = TestEvents.delete();

        assertThat(parse(delete.header("content-type", "Application/CloudEvents+JSON; charset=utf-8")
                                .structured())
                        .fileId())
                .isEqualTo(delete.fileId());
        assertThat(parse(delete.header("content-type", "application/json; charset=UTF-8")
                                .binary())
                        .fileId())
                .isEqualTo(delete.fileId());
    }

    @Test
    void acceptsBinaryModeWithoutContentType() {
        CloudEventBuilder delete = TestEvents.delete().header("content-type", null);

        assertThat(parse(delete.binary()).fileId()).isEqualTo(delete.fileId());
    }

    @Test
    void ignoresExtensionAttributes() {
        CloudEventBuilder delete =
                TestEvents.delete().attribute("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");

        assertThat(parse(delete.structured()).fileId()).isEqualTo(delete.fileId());
        assertThat(parse(delete.binary()).fileId()).isEqualTo(delete.fileId());
    }

    @Test
    void parsesEveryTypeOfTheBuilders() {
        List<CloudEventBuilder> builders = List.of(
                TestEvents.upload(),
                TestEvents.download(),
                TestEvents.delete(),
                TestEvents.restore(),
                TestEvents.copy(),
                TestEvents.move(),
                TestEvents.updateMetadata(),
                TestEvents.share(),
                TestEvents.revokeShare(),
                TestEvents.quotaSet());

        assertThat(builders).allSatisfy(builder -> {
            CatalogEvent structured = parse(builder.structured());
            CatalogEvent binary = parse(builder.binary());
            assertThat(structured).usingRecursiveComparison().isEqualTo(binary);
            assertThat(structured.id()).isEqualTo(builder.eventId());
            assertThat(structured.audit().userId()).isEqualTo(builder.userId());
            assertThat(structured.command().routingKey()).isEqualTo(builder.routingKey());
        });
        assertThat(builders)
                .extracting(builder -> parse(builder.binary()).operation())
                .containsExactly(Operation.values());
    }

    private CatalogEvent parse(RawRecord record) {
        List<CatalogEvent> events = contract.parse(record, RecordFormat.CLOUD_EVENTS);
        assertThat(events).hasSize(1);
        return events.get(0);
    }

    /** The fixed identity, time, user, file and record position the expected events use. */
    private static CloudEventBuilder file(CloudEventBuilder builder) {
        return common(builder).fileId(FILE);
    }

    private static CloudEventBuilder common(CloudEventBuilder builder) {
        return builder.id(ID)
                .source(SOURCE)
                .time(TIME)
                .timestamp(TIMESTAMP)
                .userId(USER)
                .partition(3)
                .offset(42);
    }

    private static CatalogEvent expected(Operation operation, AuditContext audit, CatalogCommand command) {
        return new CatalogEvent(new EventId(SOURCE, ID), operation, TIME, audit, command, null, ORIGIN);
    }

    /** The audit context of a successful event by {@link #USER} that carries no optional field. */
    private static AuditContext audit(String provider) {
        return new AuditContext(
                USER,
                OperationStatus.SUCCESS,
                provider,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    /** A map that keeps its order, so that JSON text can be compared exactly. */
    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
