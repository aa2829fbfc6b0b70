package io.storagecatalog.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.storagecatalog.common.event.RawRecord;
import io.storagecatalog.common.testing.RecordPublisher;
import io.storagecatalog.common.testing.TestEvents;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** S3 notifications of one object published newest first end in the newest state. */
class S3OrderTest extends IngestTestSupport {

    @Test
    void newestNotificationWinsWhateverTheArrivalOrder() {
        String bucket = "b" + UUID.randomUUID().toString().substring(0, 8);
        List<RawRecord> newestFirst = new ArrayList<>();
        for (int object = 0; object < 20; object++) {
            String key = "o" + object + ".bin";
            List<RawRecord> history = new ArrayList<>();
            history.add(TestEvents.s3("s3:ObjectCreated:Put", bucket, key)
                    .size(10)
                    .versionId("v1")
                    .sequencer("0000000000000A10")
                    .record());
            history.add(TestEvents.s3("s3:ObjectCreated:Put", bucket, key)
                    .size(20)
                    .versionId("v2")
                    .sequencer("0000000000000A20")
                    .record());
            // Even objects end removed, odd ones with their third version.
            history.add(
                    object % 2 == 0
                            ? TestEvents.s3("s3:ObjectRemoved:DeleteMarkerCreated", bucket, key)
                                    .versionId("v3")
                                    .sequencer("0000000000000A30")
                                    .record()
                            : TestEvents.s3("s3:ObjectCreated:Put", bucket, key)
                                    .size(30)
                                    .versionId("v3")
                                    .sequencer("0000000000000A30")
                                    .record());
            for (int i = history.size() - 1; i >= 0; i--) {
                newestFirst.add(history.get(i));
            }
        }
        try (RecordPublisher publisher = publisher()) {
            publisher.publish(s3Notifications, newestFirst);
        }

        await().atMost(WAIT).until(this::caughtUp);

        for (int object = 0; object < 20; object++) {
            String fileId = bucket + "/o" + object + ".bin";
            if (object % 2 == 0) {
                assertThat(file(fileId)).as(fileId).isNull();
            } else {
                assertThat(file(fileId)).as(fileId).containsEntry("size", 30L).containsEntry("status", "active");
                assertThat(jdbc.queryForList("""
                        SELECT v.version_file_id FROM storage_file_versions v JOIN storage_files f ON f.id = v.file_id
                        WHERE f.file_id = ?""", String.class, fileId)).containsExactly("v3");
            }
            assertThat(jdbc.queryForObject(
                            "SELECT removed FROM storage_object_sequences WHERE file_id = ?", Boolean.class, fileId))
                    .isEqualTo(object % 2 == 0);
        }
        assertThat(quotaDrift()).isEmpty();
    }
}
