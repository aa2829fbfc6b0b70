package io.storagecatalog.common.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.storagecatalog.common.event.CatalogCommand.Delete;
import io.storagecatalog.common.event.CatalogCommand.Download;
import io.storagecatalog.common.event.CatalogCommand.Upload;
import io.storagecatalog.common.event.EventContract.RecordFormat;
import io.storagecatalog.common.testing.S3RecordBuilder;
import io.storagecatalog.common.testing.TestEvents;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * MinIO (and AWS-style) bucket notifications against the exact events the contract makes of them,
 * and the rejections of broken ones.
 */
@Tag("unit")
class S3NotificationGoldenTest {

    private static final String BUCKET = "catalog";
    private static final String SEQUENCER = "17E4A1B2C3D4E5F6";
    private static final String PADDED_SEQUENCER = SEQUENCER + "0".repeat(48);
    private static final String ETAG = "d41d8cd98f00b204e9800998ecf8427e";
    private static final Instant EVENT_TIME = Instant.parse("2025-03-14T09:26:53.589Z");
    private static final Instant TIMESTAMP = Instant.parse("2025-03-14T09:26:55Z");
    private static final UUID OWNER = UUID.fromString("8d3c5a1e-2f47-4b6a-9c0d-1e2f3a4b5c6d");
    /** The contract's stable uuid of the S3 principal {@code minio-user}. */
    private static final UUID MINIO_USER =
            UUID.nameUUIDFromBytes("s3-principal:minio-user".getBytes(StandardCharsets.UTF_8));

    private static final CatalogEvent.Origin ORIGIN = new CatalogEvent.Origin("storage.s3-notifications", 1, 7);

    private final EventContract contract = new EventContract();

    @Test
    void mapsPutToUploadWithEveryField() {
        S3RecordBuilder put = fixed("s3:ObjectCreated:Put", "reports%2F2025%2Fq1.pdf")
                .size(248_731)
                .contentType("application/pdf");

        CatalogEvent event = parseOne(put);

        String fileId = "catalog/reports/2025/q1.pdf";
        assertThat(event)
                .usingRecursiveComparison()
                .isEqualTo(new CatalogEvent(
                        new EventId("s3:catalog", "reports/2025/q1.pdf##" + SEQUENCER + "#ObjectCreated:Put"),
                        Operation.UPLOAD,
                        EVENT_TIME,
                        new AuditContext(
                                MINIO_USER,
                                OperationStatus.SUCCESS,
                                "minio",
                                248_731L,
                                null,
                                "10.0.12.7",
                                "MinIO (linux; amd64) minio-go/v7.0.70",
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                "{\"eventName\":\"s3:ObjectCreated:Put\",\"bucket\":\"catalog\",\"sequencer\":\""
                                        + SEQUENCER + "\",\"principalId\":\"minio-user\"}"),
                        new Upload(
                                fileId,
                                "q1.pdf",
                                "q1.pdf",
                                "application/pdf",
                                248_731L,
                                ETAG,
                                "etag",
                                null,
                                "minio",
                                fileId,
                                "{\"eTag\":\"" + ETAG + "\",\"sequencer\":\"" + PADDED_SEQUENCER + "\"}",
                                DataClassification.INTERNAL,
                                false,
                                null,
                                List.of(),
                                "{}",
                                null,
                                null,
                                null,
                                null),
                        new S3Order(PADDED_SEQUENCER, null),
                        ORIGIN));
    }

    @Test
    void mapsVersionedDeleteToDeleteWithoutSize() {
        S3RecordBuilder delete =
                fixed("s3:ObjectRemoved:Delete", "reports%2Fq1.pdf").versionId("v-3");

        CatalogEvent event = parseOne(delete);

        assertThat(event)
                .usingRecursiveComparison()
                .isEqualTo(new CatalogEvent(
                        new EventId("s3:catalog", "reports/q1.pdf#v-3#" + SEQUENCER + "#ObjectRemoved:Delete"),
                        Operation.DELETE,
                        EVENT_TIME,
                        new AuditContext(
                                MINIO_USER,
                                OperationStatus.SUCCESS,
                                "minio",
                                null,
                                null,
                                "10.0.12.7",
                                "MinIO (linux; amd64) minio-go/v7.0.70",
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                "{\"eventName\":\"s3:ObjectRemoved:Delete\",\"bucket\":\"catalog\",\"sequencer\":\""
                                        + SEQUENCER + "\",\"versionId\":\"v-3\",\"principalId\":\"minio-user\"}"),
                        new Delete("catalog/reports/q1.pdf"),
                        new S3Order(PADDED_SEQUENCER, "v-3"),
                        ORIGIN));
    }

    @Test
    void mapsGetToDownloadOfItsSize() {
        CatalogEvent event = parseOne(fixed("s3:ObjectAccessed:Get", "q1.pdf").size(512));

        assertThat(event.operation()).isEqualTo(Operation.DOWNLOAD);
        assertThat(event.command()).isEqualTo(new Download("catalog/q1.pdf", null));
        assertThat(event.audit().bytesTransferred()).isEqualTo(512L);
    }

    @ParameterizedTest
    @CsvSource({
        "s3:ObjectCreated:Put,                     UPLOAD",
        "s3:ObjectCreated:CompleteMultipartUpload, UPLOAD",
        "s3:ObjectCreated:Copy,                    UPLOAD",
        "s3:ObjectRemoved:Delete,                  DELETE",
        "s3:ObjectRemoved:DeleteMarkerCreated,     DELETE",
        "s3:ObjectAccessed:Get,                    DOWNLOAD"
    })
    void mapsEventNameToOperationOfTheObjectsFile(String eventName, Operation operation) {
        S3RecordBuilder notification = TestEvents.s3(eventName, "photos", "2025%2Fbeach.jpg");

        CatalogEvent event = parseOne(notification);

        assertThat(event.operation()).isEqualTo(operation);
        assertThat(event.fileId()).isEqualTo("photos/2025/beach.jpg").isEqualTo(notification.fileId());
        assertThat(event.command())
                .isInstanceOf(
                        switch (operation) {
                            case UPLOAD -> Upload.class;
                            case DELETE -> Delete.class;
                            default -> Download.class;
                        });
        assertThat(event.command().routingKey()).isEqualTo(notification.record().key());
    }

    @ParameterizedTest
    @CsvSource({
        "s3:ObjectCreated:PutTagging",
        "s3:ObjectCreated:DeleteTagging",
        "s3:ObjectCreated:PutRetention",
        "s3:ObjectCreated:PutLegalHold",
        "s3:ObjectAccessed:Head",
        "s3:ObjectAccessed:GetRetention"
    })
    void ignoresNotificationsThatChangeNoCatalogedContent(String eventName) {
        assertThat(contract.parse(fixed(eventName, "q1.pdf").size(10).record(), RecordFormat.S3_NOTIFICATION))
                .isEmpty();
    }

    @Test
    void ignoresFolderMarkerObjects() {
        assertThat(contract.parse(
                        fixed("s3:ObjectCreated:Put", "reports%2F").size(0).record(), RecordFormat.S3_NOTIFICATION))
                .isEmpty();
    }

    @Test
    void creditsReadsToThePrincipalNotTheOwner() {
        CatalogEvent event = parseOne(
                fixed("s3:ObjectAccessed:Get", "q1.pdf").size(5).userMetadata("X-Amz-Meta-Owner-Id", OWNER.toString()));

        assertThat(event.audit().userId()).isEqualTo(MINIO_USER);
    }

    @Test
    void mapsMultipartUploadWithItsETag() {
        Upload upload = (Upload) parseOne(TestEvents.s3("s3:ObjectCreated:CompleteMultipartUpload", BUCKET, "video.mp4")
                        .contentType("video/mp4")
                        .size(5L * 1024 * 1024 * 1024)
                        .eTag("9b2cf535f27731c974343645a3985328-640"))
                .command();

        assertThat(upload.size()).isEqualTo(5L * 1024 * 1024 * 1024);
        assertThat(upload.checksum()).isEqualTo("9b2cf535f27731c974343645a3985328-640");
        assertThat(upload.checksumAlgorithm()).isEqualTo("etag");
        assertThat(upload.mimeType()).isEqualTo("video/mp4");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "my+report+2025.pdf                                   | my report 2025.pdf  | my report 2025.pdf",
                "docs%2Fsub%2Fa.pdf                                   | docs/sub/a.pdf      | a.pdf",
                "docs/plain.pdf                                       | docs/plain.pdf      | plain.pdf",
                "a%2Bb.pdf                                            | a+b.pdf             | a+b.pdf",
                "100%25+done.txt                                      | 100% done.txt       | 100% done.txt",
                "caf%C3%A9.pdf                                        | café.pdf            | café.pdf",
                "%E6%97%A5%E6%9C%AC%E8%AA%9E%2F%E5%A0%B1%E5%91%8A.pdf | 日本語/報告.pdf      | 報告.pdf",
                "%F0%9F%93%81%2F%F0%9F%98%80.png                      | 📁/😀.png           | 😀.png"
            })
    void decodesObjectKeyAndTakesLastSegmentAsFilename(String encodedKey, String key, String filename) {
        Upload upload = (Upload) parseOne(TestEvents.s3("s3:ObjectCreated:Put", BUCKET, encodedKey))
                .command();

        assertThat(upload.fileId()).isEqualTo(BUCKET + "/" + key);
        assertThat(upload.providerPath()).isEqualTo(BUCKET + "/" + key);
        assertThat(upload.filename()).isEqualTo(filename);
        assertThat(upload.originalName()).isEqualTo(filename);
    }

    @ParameterizedTest
    @CsvSource({"X-Amz-Meta-Owner-Id", "x-amz-meta-owner-id", "X-AMZ-META-OWNER-ID"})
    void takesOwnerFromUserMetadataWhateverTheCase(String header) {
        CatalogEvent event = parseOne(
                TestEvents.s3("s3:ObjectCreated:Put", BUCKET, "a.pdf").userMetadata(header, " " + OWNER + " "));

        assertThat(event.audit().userId()).isEqualTo(OWNER);
    }

    @Test
    void takesOwnerFromPrincipalWithoutOwnerMetadata() {
        CatalogEvent minioUser = parseOne(TestEvents.s3("s3:ObjectCreated:Put", BUCKET, "a.pdf"));
        CatalogEvent otherKey =
                parseOne(TestEvents.s3("s3:ObjectCreated:Put", BUCKET, "a.pdf").principalId("AKIAIOSFODNN7EXAMPLE"));

        assertThat(minioUser.audit().userId()).isEqualTo(MINIO_USER);
        assertThat(otherKey.audit().userId())
                .isNotEqualTo(MINIO_USER)
                .isEqualTo(
                        UUID.nameUUIDFromBytes("s3-principal:AKIAIOSFODNN7EXAMPLE".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void takesClassificationAndTagsFromUserMetadata() {
        Upload upload = (Upload) parseOne(TestEvents.s3("s3:ObjectCreated:Put", BUCKET, "a.pdf")
                        .userMetadata("x-amz-meta-classification", "Confidential")
                        .userMetadata("X-Amz-Meta-Tags", "finance, q1 ,,finance"))
                .command();

        assertThat(upload.classification()).isEqualTo(DataClassification.CONFIDENTIAL);
        assertThat(upload.tags()).containsExactly("finance", "q1");
    }

    @Test
    void recordsServerSideEncryptionAsTheMetadataReportsIt() {
        Upload kms = (Upload) parseOne(TestEvents.s3("s3:ObjectCreated:Put", BUCKET, "a.pdf")
                        .userMetadata("X-Amz-Server-Side-Encryption", "aws:kms")
                        .userMetadata("x-amz-server-side-encryption-aws-kms-key-id", "minio-kms/records"))
                .command();
        Upload customer = (Upload) parseOne(TestEvents.s3("s3:ObjectCreated:Put", BUCKET, "b.pdf")
                        .userMetadata("X-Amz-Server-Side-Encryption-Customer-Algorithm", "AES256"))
                .command();
        Upload plain = (Upload)
                parseOne(TestEvents.s3("s3:ObjectCreated:Put", BUCKET, "c.pdf")).command();

        assertThat(kms.encrypted()).isTrue();
        assertThat(kms.encryptionKeyId()).isEqualTo("minio-kms/records");
        assertThat(customer.encrypted()).isTrue();
        assertThat(customer.encryptionKeyId()).isNull();
        assertThat(plain.encrypted()).isFalse();
    }

    @Test
    void defaultsClassificationAndTagsWithoutUserMetadata() {
        Upload upload = (Upload)
                parseOne(TestEvents.s3("s3:ObjectCreated:Put", BUCKET, "a.pdf")).command();

        assertThat(upload.classification()).isEqualTo(DataClassification.INTERNAL);
        assertThat(upload.tags()).isEmpty();
        assertThat(upload.customMetadataJson()).isEqualTo("{}");
    }

    @Test
    void acceptsAwsStyleRecord() {
        S3RecordBuilder aws = fixed("s3:ObjectCreated:Put", "reports/q1.pdf").awsStyle();

        CatalogEvent event = parseOne(aws);

        assertThat(aws.json().has("EventName")).isFalse();
        assertThat(event.id())
                .isEqualTo(new EventId("s3:catalog", "reports/q1.pdf##" + SEQUENCER + "#ObjectCreated:Put"));
        assertThat(event.audit().provider()).isEqualTo("s3");
        assertThat(event.audit().metadataJson()).contains("\"eventName\":\"ObjectCreated:Put\"");
        Upload upload = (Upload) event.command();
        assertThat(upload.provider()).isEqualTo("s3");
        assertThat(upload.mimeType()).isEqualTo("application/octet-stream");
        assertThat(upload.fileId()).isEqualTo("catalog/reports/q1.pdf");
    }

    @Test
    void givesAwsAndMinioFormOfOneEventOneIdentity() {
        assertThat(parseOne(fixed("s3:ObjectRemoved:Delete", "a.pdf").awsStyle())
                        .id())
                .isEqualTo(parseOne(fixed("s3:ObjectRemoved:Delete", "a.pdf")).id());
    }

    @Test
    void yieldsNoEventForS3TestEvent() {
        ObjectNode testEvent = TestEvents.json()
                .createObjectNode()
                .put("Service", "Amazon S3")
                .put("Event", "s3:TestEvent")
                .put("Time", "2025-03-14T09:26:53.589Z")
                .put("Bucket", BUCKET)
                .put("RequestId", "5582815E1AEA5ADF")
                .put("HostId", "8cLeGAmw098X5cv4Zkwcmo8vvZa3eH3eKxsPzbB9wrR+");

        List<CatalogEvent> events = contract.parse(
                TestEvents.s3("s3:ObjectCreated:Put", BUCKET, "a.pdf")
                        .recordWithValue(TestEvents.json().writeValueAsBytes(testEvent)),
                RecordFormat.S3_NOTIFICATION);

        assertThat(events).isEmpty();
    }

    @Test
    void yieldsOneEventPerRecordInOrder() {
        S3RecordBuilder first = TestEvents.s3("s3:ObjectCreated:Put", BUCKET, "a.pdf");
        S3RecordBuilder second = TestEvents.s3("s3:ObjectRemoved:Delete", BUCKET, "b.pdf");
        ObjectNode both = first.json();
        ((ArrayNode) both.get("Records")).add(second.json().get("Records").get(0));

        List<CatalogEvent> events = contract.parse(
                first.recordWithValue(TestEvents.json().writeValueAsBytes(both)), RecordFormat.S3_NOTIFICATION);

        assertThat(events).extracting(CatalogEvent::fileId).containsExactly("catalog/a.pdf", "catalog/b.pdf");
        assertThat(events).extracting(CatalogEvent::operation).containsExactly(Operation.UPLOAD, Operation.DELETE);
    }

    @Test
    void fallsBackToRecordTimestampWithoutEventTime() {
        S3RecordBuilder put = fixed("s3:ObjectCreated:Put", "a.pdf");

        CatalogEvent event = parseOne(put, json -> record(json).remove("eventTime"));

        assertThat(event.time()).isEqualTo(TIMESTAMP);
    }

    @Test
    void ordersSequencersAfterRightPadding() {
        // Right-padding is the contract: "9" reads as 9000... and "10" as 1000..., so "9" is the newer.
        assertThat(S3Order.of("9", null).compareTo(S3Order.of("10", null))).isPositive();
        assertThat(S3Order.of("9", null).sequence()).isEqualTo("9" + "0".repeat(63));
        assertThat(S3Order.of("10", null).sequence()).isEqualTo("10" + "0".repeat(62));
        assertThat(S3Order.of("15C32494527B46C5", null).compareTo(S3Order.of("15C32494527B46C6", null)))
                .isNegative();
        assertThat(S3Order.of("ff", null).compareTo(S3Order.of("FF0", null))).isZero();
        assertThat(S3Order.of("0a", "v1").compareTo(S3Order.of("0A", "v2"))).isZero();
    }

    @Test
    void ordersParsedNotificationsBySequencerWhateverTheArrivalOrder() {
        S3Order later = parseOne(TestEvents.s3("s3:ObjectRemoved:Delete", BUCKET, "a.pdf")
                        .sequencer("17E4A1B2C3D4E5F7"))
                .s3Order();
        S3Order earlier = parseOne(
                        TestEvents.s3("s3:ObjectCreated:Put", BUCKET, "a.pdf").sequencer("17E4A1B2C3D4E5F6"))
                .s3Order();

        assertThat(later).isGreaterThan(earlier);
    }

    @Test
    void givesBuildersIncreasingSequencers() {
        S3RecordBuilder first = TestEvents.s3("s3:ObjectCreated:Put", BUCKET, "a.pdf");
        S3RecordBuilder second = TestEvents.s3("s3:ObjectCreated:Put", BUCKET, "a.pdf");

        assertThat(parseOne(second).s3Order()).isGreaterThan(parseOne(first).s3Order());
    }

    @Test
    void givesSameRecordTwiceOneIdentity() {
        S3RecordBuilder put = TestEvents.s3("s3:ObjectCreated:Put", BUCKET, "a.pdf");

        assertThat(parseOne(put).id()).isEqualTo(parseOne(put).id());
    }

    @Test
    void givesDifferentIdentitiesPerEventNameVersionAndSequencer() {
        EventId put = parseOne(fixed("s3:ObjectCreated:Put", "a.pdf")).id();

        assertThat(List.of(
                        parseOne(fixed("s3:ObjectCreated:Copy", "a.pdf")).id(),
                        parseOne(fixed("s3:ObjectCreated:Put", "a.pdf").versionId("v2"))
                                .id(),
                        parseOne(fixed("s3:ObjectCreated:Put", "a.pdf").sequencer("17E4A1B2C3D4E5F7"))
                                .id(),
                        parseOne(fixed("s3:ObjectCreated:Put", "b.pdf")).id(),
                        parseOne(TestEvents.s3("s3:ObjectCreated:Put", "other", "a.pdf")
                                        .sequencer(SEQUENCER))
                                .id()))
                .doesNotContain(put)
                .doesNotHaveDuplicates();
    }

    record Invalid(
            String name,
            Consumer<S3RecordBuilder> change,
            Consumer<ObjectNode> edit,
            String field,
            String message,
            RejectionReason reason) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Invalid> invalidNotifications() {
        return Stream.of(
                new Invalid(
                        "rejectsNotificationWithoutRecords",
                        none(),
                        json -> json.remove("Records"),
                        "Records",
                        "Records: is required",
                        RejectionReason.MISSING_FIELD),
                new Invalid(
                        "rejectsEmptyRecords",
                        none(),
                        json -> json.putArray("Records"),
                        "Records",
                        "Records: must not be empty",
                        RejectionReason.MALFORMED),
                new Invalid(
                        "rejectsRecordsThatAreNotAnArray",
                        none(),
                        json -> json.put("Records", "x"),
                        "Records",
                        "Records: must be a non-empty array, was a string",
                        RejectionReason.MALFORMED),
                new Invalid(
                        "rejectsRecordThatIsNotAnObject",
                        none(),
                        json -> json.putArray("Records").add(1),
                        "Records[0]",
                        "Records[0]: must be an object, was the number 1",
                        RejectionReason.MALFORMED),
                new Invalid(
                        "rejectsNonHexSequencer",
                        s3 -> s3.sequencer("xyz"),
                        noEdit(),
                        "Records[0].s3.object.sequencer",
                        "Records[0].s3.object.sequencer: must be 1 to 64 hexadecimal digits",
                        RejectionReason.INVALID_VALUE),
                new Invalid(
                        "rejectsTooLongSequencer",
                        s3 -> s3.sequencer("A".repeat(65)),
                        noEdit(),
                        "Records[0].s3.object.sequencer",
                        "Records[0].s3.object.sequencer: must be 1 to 64 " + "hexadecimal digits",
                        RejectionReason.INVALID_VALUE),
                new Invalid(
                        "rejectsMissingSequencer",
                        s3 -> s3.without("sequencer"),
                        noEdit(),
                        "Records[0].s3.object.sequencer",
                        "Records[0].s3.object.sequencer: is required",
                        RejectionReason.MISSING_FIELD),
                new Invalid(
                        "rejectsOwnerThatIsNotUuid",
                        s3 -> s3.userMetadata("X-Amz-Meta-Owner-Id", "alice"),
                        noEdit(),
                        "Records[0].s3.object.userMetadata.X-Amz-Meta-Owner-Id",
                        "Records[0].s3.object.userMetadata.X-Amz-Meta-Owner-Id: must be a uuid",
                        RejectionReason.INVALID_VALUE),
                new Invalid(
                        "rejectsUnknownClassificationMetadata",
                        s3 -> s3.userMetadata("X-Amz-Meta-Classification", "top-secret"),
                        noEdit(),
                        "Records[0].s3.object.userMetadata.X-Amz-Meta-Classification",
                        "Records[0].s3.object.userMetadata.X-Amz-Meta-Classification: must be one of public, "
                                + "internal, confidential, restricted",
                        RejectionReason.INVALID_VALUE),
                new Invalid(
                        "rejectsUnknownEventName",
                        none(),
                        json -> record(json).put("eventName", "s3:Replication:OperationFailedReplication"),
                        "Records[0].eventName",
                        "Records[0].eventName: is not a mapped event name (mapped: "
                                + "ObjectCreated:*, ObjectRemoved:*, ObjectAccessed:Get)",
                        RejectionReason.UNKNOWN_TYPE),
                new Invalid(
                        "rejectsRecordWithoutEventName",
                        none(),
                        json -> record(json).remove("eventName"),
                        "Records[0].eventName",
                        "Records[0].eventName: is required",
                        RejectionReason.MISSING_FIELD),
                new Invalid(
                        "rejectsBadPercentEncoding",
                        none(),
                        json -> object(json).put("key", "a%ZZ.pdf"),
                        "Records[0].s3.object.key",
                        "Records[0].s3.object.key: is not a valid URL-encoded object key",
                        RejectionReason.INVALID_VALUE),
                new Invalid(
                        "rejectsKeyDecodingToNul",
                        none(),
                        json -> object(json).put("key", "a%00.pdf"),
                        "Records[0].s3.object.key",
                        "Records[0].s3.object.key: decodes to a NUL character or invalid UTF-8",
                        RejectionReason.INVALID_VALUE),
                new Invalid(
                        "rejectsKeyDecodingToInvalidUtf8",
                        none(),
                        json -> object(json).put("key", "caf%C3.pdf"),
                        "Records[0].s3.object.key",
                        "Records[0].s3.object.key: decodes to a NUL character or invalid UTF-8",
                        RejectionReason.INVALID_VALUE),
                new Invalid(
                        "rejectsKeyWithDotDotSegment",
                        none(),
                        json -> object(json).put("key", "a/..%2F..%2Fb.pdf"),
                        "Records[0].s3.object.key",
                        "Records[0].s3.object.key: must not contain a '..' path segment",
                        RejectionReason.INVALID_VALUE),
                new Invalid(
                        "rejectsCreateWithoutSize",
                        s3 -> s3.without("size"),
                        noEdit(),
                        "Records[0].s3.object.size",
                        "Records[0].s3.object.size: is required",
                        RejectionReason.MISSING_FIELD),
                new Invalid(
                        "rejectsNegativeSize",
                        s3 -> s3.size(-1),
                        noEdit(),
                        "Records[0].s3.object.size",
                        "Records[0].s3.object.size: must be >= 0, was -1",
                        RejectionReason.INVALID_VALUE),
                new Invalid(
                        "rejectsCreateWithoutETag",
                        s3 -> s3.without("eTag"),
                        noEdit(),
                        "Records[0].s3.object.eTag",
                        "Records[0].s3.object.eTag: is required",
                        RejectionReason.MISSING_FIELD),
                new Invalid(
                        "rejectsRecordWithoutBucketName",
                        none(),
                        json -> ((ObjectNode) record(json).get("s3").get("bucket")).remove("name"),
                        "Records[0].s3.bucket.name",
                        "Records[0].s3.bucket.name: is required",
                        RejectionReason.MISSING_FIELD),
                new Invalid(
                        "rejectsBadEventTime",
                        none(),
                        json -> record(json).put("eventTime", "noon"),
                        "Records[0].eventTime",
                        "Records[0].eventTime: must be an RFC 3339 timestamp",
                        RejectionReason.INVALID_VALUE),
                new Invalid(
                        "rejectsNulInUserMetadata",
                        s3 -> s3.userMetadata("X-Amz-Meta-Note", "a\u0000b"),
                        noEdit(),
                        "Records[0].s3.object.userMetadata.X-Amz-Meta-Note",
                        "Records[0].s3.object.userMetadata.X-Amz-Meta-Note: contains a NUL character (U+0000), "
                                + "which cannot be stored",
                        RejectionReason.INVALID_VALUE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidNotifications")
    void rejectsNotificationNamingFieldAndReason(Invalid invalid) {
        S3RecordBuilder notification = TestEvents.s3("s3:ObjectCreated:Put", BUCKET, "a.pdf");
        invalid.change().accept(notification);
        ObjectNode json = notification.json();
        invalid.edit().accept(json);
        RawRecord record = notification.recordWithValue(TestEvents.json().writeValueAsBytes(json));

        assertThatExceptionOfType(InvalidEventException.class)
                .isThrownBy(() -> contract.parse(record, RecordFormat.S3_NOTIFICATION))
                .satisfies(e -> {
                    assertThat(e.getMessage()).isEqualTo(invalid.message());
                    assertThat(e.field()).isEqualTo(invalid.field());
                    assertThat(e.reason()).isEqualTo(invalid.reason());
                });
    }

    @Test
    void rejectsValueThatIsNotJson() {
        RawRecord record = TestEvents.s3("s3:ObjectCreated:Put", BUCKET, "a.pdf")
                .recordWithValue("EventName=s3:ObjectCreated:Put".getBytes(StandardCharsets.UTF_8));

        assertThatExceptionOfType(InvalidEventException.class)
                .isThrownBy(() -> contract.parse(record, RecordFormat.S3_NOTIFICATION))
                .satisfies(e -> {
                    assertThat(e.field()).isEqualTo("value");
                    assertThat(e.getMessage()).startsWith("value: malformed JSON at line 1, column ");
                    assertThat(e.reason()).isEqualTo(RejectionReason.MALFORMED);
                });
    }

    @Test
    void rejectsEmptyValue() {
        RawRecord record =
                TestEvents.s3("s3:ObjectCreated:Put", BUCKET, "a.pdf").recordWithValue(new byte[0]);

        assertThatExceptionOfType(InvalidEventException.class)
                .isThrownBy(() -> contract.parse(record, RecordFormat.S3_NOTIFICATION))
                .withMessage("value: is empty")
                .satisfies(e -> assertThat(e.reason()).isEqualTo(RejectionReason.MALFORMED));
    }

    private List<CatalogEvent> parse(RawRecord record) {
        return contract.parse(record, RecordFormat.S3_NOTIFICATION);
    }

    private CatalogEvent parseOne(S3RecordBuilder notification) {
        List<CatalogEvent> events = parse(notification.record());
        assertThat(events).hasSize(1);
        return events.get(0);
    }

    private CatalogEvent parseOne(S3RecordBuilder notification, Consumer<ObjectNode> edit) {
        ObjectNode json = notification.json();
        edit.accept(json);
        List<CatalogEvent> events =
                parse(notification.recordWithValue(TestEvents.json().writeValueAsBytes(json)));
        assertThat(events).hasSize(1);
        return events.get(0);
    }

    /** A notification of {@link #BUCKET} with the fixed sequencer, eTag, time and record position. */
    private static S3RecordBuilder fixed(String eventName, String encodedKey) {
        return TestEvents.s3(eventName, BUCKET, encodedKey)
                .sequencer(SEQUENCER)
                .eTag(ETAG)
                .eventTime(EVENT_TIME)
                .timestamp(TIMESTAMP)
                .partition(1)
                .offset(7);
    }

    private static ObjectNode record(ObjectNode json) {
        return (ObjectNode) json.get("Records").get(0);
    }

    private static ObjectNode object(ObjectNode json) {
        return (ObjectNode) record(json).get("s3").get("object");
    }

    private static Consumer<S3RecordBuilder> none() {
        return s3 -> {};
    }

    private static Consumer<ObjectNode> noEdit() {
        return json -> {};
    }
}
