package io.storagecatalog.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.storagecatalog.common.audit.MaintenanceTrail;
import io.storagecatalog.common.kafka.DeadLetters;
import io.storagecatalog.common.testing.CloudEventBuilder;
import io.storagecatalog.common.testing.RecordPublisher;
import io.storagecatalog.common.testing.TestEvents;
import io.storagecatalog.testkit.TestInfrastructure;
import io.storagecatalog.testkit.TopicReader;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * A producer that can write to the event topic acts as users it is not: every event that would change
 * what its user may not change is refused (dead-lettered as {@code forbidden}, on the trail as denied),
 * and the catalog is as if it had never been sent. Events of users who hold the right still apply.
 */
class HostileProducerTest extends IngestTestSupport {

    private final UUID owner = UUID.randomUUID();
    private final UUID mallory = UUID.randomUUID();
    private final UUID reader = UUID.randomUUID();
    private final UUID delegate = UUID.randomUUID();
    private final Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(3600);
    private final String fileId = TestEvents.randomFileId();
    private final UUID readShare = UUID.randomUUID();
    private final UUID delegateShare = UUID.randomUUID();
    private final UUID subShare = UUID.randomUUID();
    private int tick;

    private CloudEventBuilder at(CloudEventBuilder event) {
        return event.time(t0.plusSeconds(++tick));
    }

    @Test
    void forgedAndEscalatedEventsChangeNothing() {
        // The owner's file; a read-only share for a reader; a delegate who may share (read only, limited).
        List<CloudEventBuilder> setup = List.of(
                at(TestEvents.upload().fileId(fileId).userId(owner).data("size", 1_000)),
                at(TestEvents.share()
                        .fileId(fileId)
                        .userId(owner)
                        .data("shareId", readShare.toString())
                        .data("sharedWith", reader.toString())
                        .data("canWrite", false)
                        .without("passwordHash")
                        .without("maxDownloads")),
                at(TestEvents.share()
                        .fileId(fileId)
                        .userId(owner)
                        .data("shareId", delegateShare.toString())
                        .data("sharedWith", delegate.toString())
                        .data("canWrite", false)
                        .data("canShare", true)
                        .data("maxDownloads", 5)
                        .data("expiresAt", t0.plus(2, ChronoUnit.DAYS).toString())));
        publishAndWait(setup);
        List<List<Map<String, Object>>> before = snapshot();

        UUID forgedShare = UUID.randomUUID();
        List<CloudEventBuilder> hostile = new ArrayList<>(List.of(
                // Writes by a stranger and by a reader: a new version, a move, new metadata, a delete.
                at(TestEvents.upload().fileId(fileId).userId(mallory).data("size", 9_999)),
                at(TestEvents.upload().fileId(fileId).userId(reader).data("size", 9_999)),
                at(TestEvents.move().fileId(fileId).userId(mallory)),
                at(TestEvents.updateMetadata().fileId(fileId).userId(reader)),
                at(TestEvents.delete().fileId(fileId).userId(mallory)),
                at(TestEvents.delete().fileId(fileId).userId(reader)),
                // A copy of a file the stranger may not read.
                at(TestEvents.copy().userId(mallory).data("sourceFileId", fileId)),
                // Shares: by a stranger, by a reader without can_share.
                at(TestEvents.share()
                        .fileId(fileId)
                        .userId(mallory)
                        .data("shareId", forgedShare.toString())
                        .data("sharedWith", UUID.randomUUID().toString())),
                at(TestEvents.share()
                        .fileId(fileId)
                        .userId(reader)
                        .data("shareId", UUID.randomUUID().toString())
                        .data("sharedWith", mallory.toString())),
                // The delegate escalating: write, no expiry, no download limit, beyond their expiry, more downloads.
                at(delegated().data("canWrite", true)),
                at(delegated().without("expiresAt")),
                at(delegated().data("expiresAt", t0.plus(30, ChronoUnit.DAYS).toString())),
                at(delegated().without("maxDownloads")),
                at(delegated().data("maxDownloads", 6)),
                // The delegate's share has a password: so must every share granted from it.
                at(delegated().without("passwordHash")),
                // Revocations by someone neither owner nor sharer.
                at(TestEvents.revokeShare().fileId(fileId).userId(mallory).data("shareId", readShare.toString())),
                at(TestEvents.revokeShare().fileId(fileId).userId(reader).data("shareId", delegateShare.toString()))));
        publishAndWait(hostile);

        assertThat(snapshotWithoutProcessed())
                .as("the catalog after the refused events")
                .isEqualTo(before.subList(0, before.size() - 1));
        // The class's other test dead-letters records of its own in the same topic: these are the forbidden ones.
        List<ConsumerRecord<String, byte[]>> deadLetters = TopicReader.read(
                TestInfrastructure.kafka().bootstrapServers(),
                fileEvents + "-dlt",
                Integer.MAX_VALUE,
                Duration.ofSeconds(5),
                Duration.ZERO);
        assertThat(deadLetters)
                .filteredOn(record ->
                        "forbidden".equals(IngestEndToEndTest.header(record, DeadLetters.REASON_CLASS_HEADER)))
                .hasSize(hostile.size());
        assertThat(count(
                        "SELECT count(*) FROM storage_operations WHERE event_source = ? AND status = 'failed' "
                                + "AND error_code = 'forbidden'",
                        MaintenanceTrail.DENIALS))
                .isEqualTo(hostile.size());
        assertThat(count(
                        "SELECT count(*) FROM storage_operations WHERE event_source = ? AND user_id = ?",
                        MaintenanceTrail.DENIALS,
                        mallory))
                .isEqualTo(6);

        // What the rules allow still applies: a grant within the delegate's share, a write by... nobody else.
        publishAndWait(List.of(at(delegated())));
        assertThat(count(
                        "SELECT count(*) FROM storage_file_shares WHERE id = ? AND is_active AND granted_from = ?",
                        subShare,
                        delegateShare))
                .isEqualTo(1);

        // Revoking the delegate's share revokes what they granted; re-sending a revoked share revives nothing.
        publishAndWait(List.of(
                at(TestEvents.revokeShare().fileId(fileId).userId(owner).data("shareId", delegateShare.toString())),
                at(TestEvents.share()
                        .fileId(fileId)
                        .userId(owner)
                        .data("shareId", delegateShare.toString())
                        .data("sharedWith", delegate.toString())
                        .data("canShare", true)
                        .without("passwordHash")
                        .without("maxDownloads"))));
        assertThat(count(
                        "SELECT count(*) FROM storage_file_shares WHERE id IN (?, ?) AND is_active",
                        delegateShare,
                        subShare))
                .isZero();

        // A share with no downloads left grants nothing: its holder's share (with can_share) is refused.
        jdbc.update(
                "UPDATE storage_file_shares SET can_share = true, max_downloads = 2, download_count = 2 "
                        + "WHERE id = ?",
                readShare);
        publishAndWait(List.of(at(TestEvents.share()
                .fileId(fileId)
                .userId(reader)
                .data("shareId", UUID.randomUUID().toString())
                .data("sharedWith", mallory.toString())
                .data("canWrite", false)
                .data("maxDownloads", 1)
                .without("passwordHash"))));
        assertThat(count("SELECT count(*) FROM storage_file_shares WHERE shared_with = ?", mallory))
                .isZero();
        assertThat(file(fileId))
                .containsEntry("size", 1_000L)
                .containsEntry("status", "active")
                .containsEntry("created_by", owner);
        assertThat(quotaDrift()).isEmpty();
    }

    @Test
    void costlyPasswordHashesAreRefusedByTheContract() {
        String fileId = TestEvents.randomFileId();
        List<CloudEventBuilder> shares = List.of(
                TestEvents.share()
                        .fileId(fileId)
                        .userId(owner)
                        .data("passwordHash", "$argon2id$v=19$m=2147483647,t=3,p=4$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNo"),
                TestEvents.share()
                        .fileId(fileId)
                        .userId(owner)
                        .data("passwordHash", "$argon2id$v=19$m=65536,t=100000,p=4$c2FsdHNhbHRzYWx0$aGFzaGhhc2g"),
                TestEvents.share()
                        .fileId(fileId)
                        .userId(owner)
                        .data("passwordHash", "$argon2id$v=19$m=1024,t=1,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNo"),
                TestEvents.share()
                        .fileId(fileId)
                        .userId(owner)
                        .data("passwordHash", "$2b$31$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW"),
                TestEvents.share()
                        .fileId(fileId)
                        .userId(owner)
                        .data("passwordHash", "$2b$04$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW"));
        publishAndWait(shares);
        List<ConsumerRecord<String, byte[]>> deadLetters = TopicReader.read(
                TestInfrastructure.kafka().bootstrapServers(),
                fileEvents + "-dlt",
                Integer.MAX_VALUE,
                Duration.ofSeconds(5),
                Duration.ZERO);
        assertThat(deadLetters)
                .filteredOn(
                        record -> new String(record.value(), java.nio.charset.StandardCharsets.UTF_8).contains(fileId))
                .hasSize(shares.size())
                .allSatisfy(record -> assertThat(IngestEndToEndTest.header(record, DeadLetters.REASON_CLASS_HEADER))
                        .isEqualTo("invalid_value"));
    }

    private CloudEventBuilder delegated() {
        return TestEvents.share()
                .fileId(fileId)
                .userId(delegate)
                .data("shareId", subShare.toString())
                .data("sharedWith", UUID.randomUUID().toString())
                .data("canWrite", false)
                .data("expiresAt", t0.plus(1, ChronoUnit.DAYS).toString())
                .data("maxDownloads", 5);
    }

    private List<List<Map<String, Object>>> snapshotWithoutProcessed() {
        List<List<Map<String, Object>>> all = snapshot();
        return all.subList(0, all.size() - 1);
    }

    private void publishAndWait(List<CloudEventBuilder> events) {
        try (RecordPublisher publisher = publisher()) {
            publisher.publish(
                    fileEvents,
                    events.stream().map(CloudEventBuilder::structured).toList());
        }
        await().atMost(WAIT).until(this::caughtUp);
    }
}
