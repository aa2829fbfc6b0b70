package io.storagecatalog.common.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.storagecatalog.common.event.EventContract.RecordFormat;
import io.storagecatalog.common.testing.CloudEventBuilder;
import io.storagecatalog.common.testing.TestEvents;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What the contract refuses because the catalog could not store it as read: text measured in UTF-8
 * bytes, times outside what PostgreSQL and RFC 3339 both write, sizes whose sums could overflow, and JSON
 * that jsonb would refuse or alter. The values are never quoted back.
 */
@Tag("unit")
class StorageLimitsTest {

    private static final EventContract CONTRACT = new EventContract();
    private static final UUID USER = UUID.randomUUID();
    // Three bytes each in UTF-8.
    private static final String CJK = "\u75c5";

    @Test
    void measuresIndexedTextInUtf8BytesNotCharacters() {
        String fits = "files/" + CJK.repeat((FieldLimit.PATH.bytes() - 6) / 3);
        assertThat(parse(upload(fits).data("providerPath", fits))).isNotNull();

        String over = fits + CJK;
        assertRejected(upload(over), "data.fileId", "must be at most 2048 bytes in UTF-8, was 2049");
        // 1,024 characters, 3,072 bytes: over the limit although within a character limit of the same number.
        assertRejected(
                upload("files/a").data("filename", CJK.repeat(1024)),
                "data.filename",
                "must be at most 1024 bytes in UTF-8, was 3072");
        assertRejected(
                upload("files/a").data("organizationId", CJK.repeat(342)),
                "data.organizationId",
                "must be at most 1024 bytes in UTF-8, was 1026");
        assertRejected(
                upload("files/a").data("tags", java.util.List.of(CJK.repeat(86))),
                "data.tags[0]",
                "must be at most 256 bytes in UTF-8, was 258");
    }

    @Test
    void refusesTimesTheCatalogCannotStoreOrWriteBack() {
        assertRejected(
                upload("files/a").time("+10000-01-01T00:00:00Z"),
                "time",
                "must be between 1970-01-01T00:00:00Z and 9999-12-31T23:59:59Z");
        assertRejected(
                upload("files/a").time("-0001-01-01T00:00:00Z"),
                "time",
                "must be between 1970-01-01T00:00:00Z and 9999-12-31T23:59:59Z");
        assertRejected(
                upload("files/a").time("1969-12-31T23:59:59Z"),
                "time",
                "must be between 1970-01-01T00:00:00Z and 9999-12-31T23:59:59Z");
        assertRejected(
                TestEvents.share().userId(USER).data("expiresAt", "9999-12-31T23:59:59-01:00"),
                "data.expiresAt",
                "must be between 1970-01-01T00:00:00Z and 9999-12-31T23:59:59Z");
    }

    @Test
    void judgesAnEventsTimeAgainstItsRecordNotTheReadersClock() {
        Instant published = Instant.parse("2026-03-01T12:00:00Z");
        assertThat(parse(upload("files/a").timestamp(published).time(published.plusSeconds(3600)))
                        .time())
                .isEqualTo(published.plusSeconds(3600));
        assertRejected(
                upload("files/a").timestamp(published).time(published.plusSeconds(3601)),
                "time",
                "must not be more than 60 minutes after the record's timestamp");
        // Old events (a history imported, an outbox replayed) are the producers' to send.
        assertThat(parse(upload("files/a").timestamp(published).time("1999-01-01T00:00:00Z")))
                .isNotNull();
        assertRejected(
                upload("files/a").noTime().timestamp(Instant.ofEpochMilli(Long.MAX_VALUE)),
                "timestamp",
                "must be between 1970-01-01T00:00:00Z and 9999-12-31T23:59:59Z");
    }

    @Test
    void boundsSizesSoThatTheCatalogsSumsCannotOverflow() {
        assertThat(parse(upload("files/a").data("size", JsonFields.MAX_SIZE_BYTES)))
                .isNotNull();
        assertRejected(
                upload("files/a").data("size", JsonFields.MAX_SIZE_BYTES + 1),
                "data.size",
                "must be at most 1125899906842624 (1 PiB), was 1125899906842625");
        assertRejected(
                TestEvents.download().userId(USER).data("bytesTransferred", Long.MAX_VALUE),
                "data.bytesTransferred",
                "must be at most 1125899906842624 (1 PiB), was 9223372036854775807");
    }

    @Test
    void refusesJsonThatJsonbWouldRefuseOrAlter() {
        assertRejected(
                upload("files/a").data("customMetadata", Map.of("note", "a\ud800b")),
                "data.customMetadata.note",
                "is not valid Unicode (an unpaired surrogate)");
        assertRejected(
                upload("files/a").data("filename", "scan\udc00.dcm"),
                "data.filename",
                "is not valid Unicode (an unpaired surrogate)");
        assertThat(parse(upload("files/a").data("filename", "scan-\ud83d\ude00.dcm")))
                .isNotNull();

        Object leaf = "leaf";
        for (int i = 0; i < JsonDocuments.MAX_DEPTH; i++) {
            leaf = Map.of("n", leaf);
        }
        Object nested = leaf;
        assertThatThrownBy(() -> parse(upload("files/a").data("customMetadata", nested)))
                .isInstanceOfSatisfying(
                        InvalidEventException.class,
                        e -> assertThat(e.getMessage()).endsWith("nests deeper than 32 levels"));

        byte[] infinite = upload("files/a").structured().value();
        String text = new String(infinite, StandardCharsets.UTF_8).replace("\"data\":{", "\"data\":{\"x\":1e400,");
        assertThatThrownBy(() -> CONTRACT.parse(
                        upload("files/a").structuredWithValue(text.getBytes(StandardCharsets.UTF_8)),
                        RecordFormat.CLOUD_EVENTS))
                .isInstanceOfSatisfying(
                        InvalidEventException.class,
                        e -> assertThat(e.getMessage())
                                .isEqualTo("data.x: must be a finite number of at most 1000 digits"));
    }

    @Test
    void quotesNoIdentifierNameOrPathInItsReasons() {
        String patient = "Jane Doe 1961-04-02";
        for (CloudEventBuilder event : new CloudEventBuilder[] {
            upload("files/a").data("userId", patient),
            upload("files/a").data("filename", patient + "/x.pdf"),
            upload("files/../" + patient),
            upload("files/a").key(patient),
            upload("files/a").time(patient),
            upload("files/a").data("dataClassification", patient),
            TestEvents.share().userId(USER).data("shareId", patient)
        }) {
            assertThatThrownBy(() -> parse(event))
                    .isInstanceOfSatisfying(
                            InvalidEventException.class,
                            e -> assertThat(e.getMessage()).doesNotContain("Jane", "1961"));
        }
    }

    private static CloudEventBuilder upload(String fileId) {
        return TestEvents.upload().fileId(fileId).userId(USER);
    }

    private static CatalogEvent parse(CloudEventBuilder event) {
        return CONTRACT.parse(event.structured(), RecordFormat.CLOUD_EVENTS).get(0);
    }

    private static void assertRejected(CloudEventBuilder event, String field, String problem) {
        for (var record : new io.storagecatalog.common.event.RawRecord[] {event.structured(), event.binary()}) {
            assertThatThrownBy(() -> CONTRACT.parse(record, RecordFormat.CLOUD_EVENTS))
                    .isInstanceOfSatisfying(InvalidEventException.class, e -> {
                        // The time attribute is a ce_ header in binary mode; the record's timestamp is not.
                        String name =
                                record.header("ce_specversion") != null && field.equals("time") ? "ce_" + field : field;
                        assertThat(e.getMessage()).isEqualTo(name + ": " + problem);
                    });
        }
    }
}
