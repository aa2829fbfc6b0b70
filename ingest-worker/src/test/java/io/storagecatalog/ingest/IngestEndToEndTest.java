package io.storagecatalog.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.storagecatalog.common.event.RawRecord;
import io.storagecatalog.common.kafka.DeadLetters;
import io.storagecatalog.common.testing.CloudEventBuilder;
import io.storagecatalog.common.testing.RecordPublisher;
import io.storagecatalog.common.testing.TestEvents;
import io.storagecatalog.testkit.TestInfrastructure;
import io.storagecatalog.testkit.TopicReader;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every event type through the real broker into the real database, in both CloudEvents modes. */
class IngestEndToEndTest extends IngestTestSupport {

    enum Mode {
        STRUCTURED(CloudEventBuilder::structured),
        BINARY(CloudEventBuilder::binary);

        final Function<CloudEventBuilder, RawRecord> encode;

        Mode(Function<CloudEventBuilder, RawRecord> encode) {
            this.encode = encode;
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void appliesTheLifeOfAFile(Mode mode) {
        UUID owner = UUID.randomUUID();
        UUID recipient = UUID.randomUUID();
        String organization = "org-" + UUID.randomUUID();
        String project = "prj-" + UUID.randomUUID();
        String fileId = TestEvents.randomFileId();
        UUID firstShare = UUID.randomUUID();
        UUID secondShare = UUID.randomUUID();
        Instant t0 = Instant.parse("2026-01-05T10:00:00Z");

        List<CloudEventBuilder> life = List.of(
                TestEvents.upload()
                        .fileId(fileId)
                        .userId(owner)
                        .time(t0)
                        .data("size", 1000)
                        .data("tags", List.of("cardiology", "report"))
                        .data("customMetadata", Map.of("patientId", "P001"))
                        .data("organizationId", organization)
                        .data("projectId", project)
                        .data("dataClassification", "confidential"),
                TestEvents.upload()
                        .fileId(fileId)
                        .userId(owner)
                        .time(t0.plusSeconds(60))
                        .data("size", 1500)
                        .data("filename", "report-v2.pdf")
                        .data("checksum", "c".repeat(64))
                        .data("changeDescription", "second draft"),
                TestEvents.download().fileId(fileId).userId(recipient).time(t0.plusSeconds(120)),
                TestEvents.move()
                        .fileId(fileId)
                        .userId(owner)
                        .time(t0.plusSeconds(180))
                        .data("providerPath", "catalog/moved.pdf")
                        .data("filename", "moved.pdf"),
                TestEvents.updateMetadata()
                        .fileId(fileId)
                        .userId(owner)
                        .time(t0.plusSeconds(240))
                        .data("changes", Map.of("tags", List.of("final"), "dataClassification", "restricted")),
                TestEvents.share()
                        .fileId(fileId)
                        .userId(owner)
                        .time(t0.plusSeconds(300))
                        .data("shareId", firstShare.toString())
                        .data("sharedWith", recipient.toString()),
                TestEvents.revokeShare()
                        .fileId(fileId)
                        .userId(owner)
                        .time(t0.plusSeconds(360))
                        .data("shareId", firstShare.toString()),
                TestEvents.share()
                        .fileId(fileId)
                        .userId(owner)
                        .time(t0.plusSeconds(420))
                        .data("shareId", secondShare.toString())
                        .data("sharedWith", recipient.toString())
                        .without("passwordHash")
                        .without("maxDownloads"),
                TestEvents.delete().fileId(fileId).userId(owner).time(t0.plusSeconds(480)),
                TestEvents.restore().fileId(fileId).userId(owner).time(t0.plusSeconds(540)),
                TestEvents.quotaSet()
                        .data("entityId", owner.toString())
                        .userId(owner)
                        .data("maxStorageBytes", 2000)
                        .key("user:" + owner));
        try (RecordPublisher publisher = publisher()) {
            publisher.publish(fileEvents, life.stream().map(mode.encode).toList());
        }

        await().atMost(WAIT)
                .until(() -> count("SELECT count(*) FROM storage_file_shares WHERE id = ?", secondShare) == 1
                        && "active".equals(file(fileId).get("status"))
                        && file(fileId).get("deleted_at") == null
                        && usage("user", owner.toString()) != null
                        && count(
                                        "SELECT count(*) FROM storage_quotas WHERE entity_id = ? AND max_storage_bytes = 2000",
                                        owner.toString())
                                == 1);

        Map<String, Object> row = file(fileId);
        assertThat(row)
                .containsEntry("filename", "moved.pdf")
                .containsEntry("provider_path", "catalog/moved.pdf")
                .containsEntry("size", 1500L)
                .containsEntry("checksum", "c".repeat(64))
                .containsEntry("data_classification", "restricted")
                .containsEntry("access_count", 1)
                .containsEntry("created_by", owner)
                .containsEntry("organization_id", organization)
                .containsEntry("status", "active");
        assertThat(row.get("tags_json")).isEqualTo("[\"final\"]");
        assertThat(row.get("custom_json")).isEqualTo("{\"patientId\": \"P001\"}");
        assertThat(((Timestamp) row.get("last_accessed_at")).toInstant()).isEqualTo(t0.plusSeconds(120));
        assertThat(((Timestamp) row.get("created_at")).toInstant()).isEqualTo(t0);
        assertThat(jdbc.queryForList("""
                SELECT v.version_number FROM storage_file_versions v JOIN storage_files f ON f.id = v.file_id
                WHERE f.file_id = ? AND v.is_current""", Integer.class, fileId)).containsExactly(2);
        assertThat(count("""
                SELECT count(*) FROM storage_file_versions v JOIN storage_files f ON f.id = v.file_id
                WHERE f.file_id = ?""", fileId)).isEqualTo(2);
        assertThat(jdbc.queryForObject(
                        "SELECT is_active FROM storage_file_shares WHERE id = ?", Boolean.class, firstShare))
                .isFalse();
        assertThat(jdbc.queryForMap(
                        "SELECT is_active, requires_password, password_hash FROM storage_file_shares " + "WHERE id = ?",
                        secondShare))
                .containsEntry("is_active", true)
                .containsEntry("requires_password", false);
        assertThat(usage("user", owner.toString())).containsExactly(2500, 1);
        assertThat(usage("organization", organization)).containsExactly(2500, 1);
        assertThat(usage("project", project)).containsExactly(2500, 1);
    }

    @Test
    void copiesAFileAndChargesTheCopier() {
        UUID owner = UUID.randomUUID();
        UUID copier = UUID.randomUUID();
        String source = TestEvents.randomFileId();
        String copy = TestEvents.randomFileId();
        UUID readShare = UUID.randomUUID();
        try (RecordPublisher publisher = publisher()) {
            // A copy needs the right to read its source: the owner shares it with the copier first.
            publisher.publish(
                    fileEvents,
                    TestEvents.upload()
                            .fileId(source)
                            .userId(owner)
                            .data("size", 700)
                            .data("tags", List.of("x"))
                            .structured(),
                    TestEvents.share()
                            .fileId(source)
                            .userId(owner)
                            .data("shareId", readShare.toString())
                            .data("sharedWith", copier.toString())
                            .data("canWrite", false)
                            .without("passwordHash")
                            .without("maxDownloads")
                            .structured());
            await().atMost(WAIT)
                    .until(() -> count("SELECT count(*) FROM storage_file_shares WHERE id = ?", readShare) == 1);
            publisher.publish(
                    fileEvents,
                    TestEvents.copy()
                            .fileId(copy)
                            .userId(copier)
                            .data("sourceFileId", source)
                            .data("providerPath", "catalog/copy.pdf")
                            .binary());
        }

        await().atMost(WAIT).until(() -> file(copy) != null);

        assertThat(file(copy))
                .containsEntry("created_by", copier)
                .containsEntry("size", 700L)
                .containsEntry("provider_path", "catalog/copy.pdf")
                .containsEntry("tags_json", "[\"x\"]");
        assertThat(usage("user", copier.toString())).containsExactly(700, 1);
        assertThat(usage("user", owner.toString())).containsExactly(700, 1);
    }

    @Test
    void appliesMinioNotifications() {
        UUID owner = UUID.randomUUID();
        String bucket = "bucket-" + UUID.randomUUID().toString().substring(0, 8);
        String fileId = bucket + "/scans/chest x-ray.dcm";
        try (RecordPublisher publisher = publisher()) {
            publisher.publish(
                    s3Notifications,
                    TestEvents.s3("s3:ObjectCreated:Put", bucket, "scans%2Fchest+x-ray.dcm")
                            .size(100)
                            .versionId("v1")
                            .sequencer("0000000000000001")
                            .userMetadata("X-Amz-Meta-Owner-Id", owner.toString())
                            .userMetadata("X-Amz-Meta-Classification", "restricted")
                            .userMetadata("X-Amz-Meta-Tags", "radiology, chest")
                            .record(),
                    TestEvents.s3("s3:ObjectCreated:CompleteMultipartUpload", bucket, "scans%2Fchest+x-ray.dcm")
                            .size(300)
                            .versionId("v2")
                            .sequencer("0000000000000002")
                            .userMetadata("x-amz-meta-owner-id", owner.toString())
                            .record(),
                    TestEvents.s3("s3:ObjectAccessed:Get", bucket, "scans%2Fchest+x-ray.dcm")
                            .size(300)
                            .sequencer("0000000000000003")
                            .record(),
                    TestEvents.s3("s3:ObjectRemoved:DeleteMarkerCreated", bucket, "scans%2Fchest+x-ray.dcm")
                            .versionId("v3")
                            .sequencer("0000000000000004")
                            .record());
        }

        await().atMost(WAIT)
                .until(() ->
                        file(fileId) != null && "deleted".equals(file(fileId).get("status")));

        assertThat(file(fileId))
                .containsEntry("filename", "chest x-ray.dcm")
                .containsEntry("size", 300L)
                .containsEntry("created_by", owner)
                .containsEntry("data_classification", "restricted")
                .containsEntry("tags_json", "[\"radiology\", \"chest\"]")
                .containsEntry("access_count", 1);
        assertThat(jdbc.queryForList("""
                SELECT v.version_file_id FROM storage_file_versions v JOIN storage_files f ON f.id = v.file_id
                WHERE f.file_id = ? ORDER BY v.version_number""", String.class, fileId)).containsExactly("v1", "v2");
        // Created, versioned and deleted: nothing stays charged (a batch nets the changes out).
        assertThat(usage("user", owner.toString()))
                .satisfiesAnyOf(u -> assertThat(u).isNull(), u -> assertThat(u).containsExactly(0, 0));
        assertThat(quotaDrift()).isEmpty();
    }

    @Test
    void appliesADownloadThatOvertookItsUploadOnceTheUploadArrives() {
        String bucket = "bucket-" + UUID.randomUUID().toString().substring(0, 8);
        String fileId = bucket + "/late.pdf";
        String eventId = UUID.randomUUID().toString();
        try (RecordPublisher publisher = publisher()) {
            publisher.publish(
                    fileEvents, TestEvents.download().id(eventId).fileId(fileId).binary());
            publisher.publish(
                    s3Notifications,
                    TestEvents.s3("s3:ObjectCreated:Put", bucket, "late.pdf")
                            .size(5)
                            .record());
        }

        await().atMost(WAIT)
                .until(() -> file(fileId) != null && ((Integer) file(fileId).get("access_count")) == 1);
        // Held back while its file was unknown, then applied: recorded once, as processed.
        assertThat(count(
                        "SELECT count(*) FROM storage_processed_events WHERE event_key = ?", "/storage-api " + eventId))
                .isEqualTo(1);
    }

    @Test
    void deadLettersAnEventWhoseFileNeverArrives() {
        String fileId = TestEvents.randomFileId();
        String eventId = UUID.randomUUID().toString();
        try (RecordPublisher publisher = publisher()) {
            publisher.publish(
                    fileEvents, TestEvents.download().id(eventId).fileId(fileId).structured());
        }

        List<ConsumerRecord<String, byte[]>> deadLetters = TopicReader.read(
                TestInfrastructure.kafka().bootstrapServers(), fileEvents + "-dlt", 1, WAIT, Duration.ZERO);

        assertThat(deadLetters).anySatisfy(record -> {
            assertThat(record.key()).isEqualTo(fileId);
            // The reason names the field, never the file (its id may name a patient).
            assertThat(header(record, DeadLetters.REASON_HEADER))
                    .isEqualTo("data.fileId: the file is not in the "
                            + "catalog (yet); the event waited for it for a bounded time")
                    .doesNotContain(fileId);
            assertThat(header(record, DeadLetters.REASON_CLASS_HEADER)).isEqualTo("not_applicable");
            assertThat(header(record, "kafka_dlt-original-topic")).isEqualTo(fileEvents);
        });
        assertThat(file(fileId)).isNull();
        // Rejected, not processed: the claim its batches took on it while it waited was withdrawn each time.
        assertThat(count(
                        "SELECT count(*) FROM storage_processed_events WHERE event_key = ?", "/storage-api " + eventId))
                .isZero();
    }

    static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
