package io.storagecatalog.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.storagecatalog.common.event.RawRecord;
import io.storagecatalog.common.testing.RecordPublisher;
import io.storagecatalog.common.testing.TestEvents;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * One object announced by the uploading service and by the store's notifications is one file, charged
 * once, whatever the order of the two sides and whatever comes between them. Each scenario's steps are
 * applied in the order written (the worker catches up after each step), all scenarios side by side.
 */
class ObjectIdentityTest extends IngestTestSupport {

    private static final String BUCKET = "identity";

    /** One object, its service-side file and owner, and the steps that speak of it. */
    private final class Scenario {
        final String name;
        final String fileId = TestEvents.randomFileId();
        final UUID owner = UUID.randomUUID();
        final String principal = "principal-" + UUID.randomUUID();
        final String key = "k/" + UUID.randomUUID() + ".pdf";
        final List<Step> steps = new ArrayList<>();
        Consumer<Scenario> expectations;

        Scenario(String name) {
            this.name = name;
        }

        String object() {
            return BUCKET + "/" + key;
        }

        Scenario upload(long size) {
            return service(TestEvents.upload()
                    .fileId(fileId)
                    .userId(owner)
                    .data("size", size)
                    .data("providerPath", object())
                    .data("tags", List.of("ward-7"))
                    .data("dataClassification", "confidential")
                    .structured());
        }

        Scenario put(long size) {
            return put(key, size);
        }

        Scenario put(String objectKey, long size) {
            return store(TestEvents.s3("s3:ObjectCreated:Put", BUCKET, objectKey)
                    .size(size)
                    .principalId(principal)
                    .record());
        }

        String movedKey() {
            return "moved-" + key;
        }

        Scenario putMoved(long size) {
            return put(movedKey(), size);
        }

        Scenario moveAway() {
            return move(movedKey());
        }

        Scenario removedInStore() {
            return removed(key);
        }

        Scenario removed(String objectKey) {
            return store(TestEvents.s3("s3:ObjectRemoved:Delete", BUCKET, objectKey)
                    .principalId(principal)
                    .record());
        }

        Scenario get() {
            return store(TestEvents.s3("s3:ObjectAccessed:Get", BUCKET, key)
                    .principalId(principal)
                    .record());
        }

        Scenario download() {
            return service(TestEvents.download().fileId(fileId).userId(owner).structured());
        }

        Scenario delete() {
            return service(TestEvents.delete().fileId(fileId).userId(owner).structured());
        }

        Scenario move(String newKey) {
            return service(TestEvents.move()
                    .fileId(fileId)
                    .userId(owner)
                    .data("providerPath", BUCKET + "/" + newKey)
                    .structured());
        }

        Scenario copy(String copyId, String copyKey) {
            return service(TestEvents.copy()
                    .fileId(copyId)
                    .userId(owner)
                    .data("sourceFileId", fileId)
                    .data("providerPath", BUCKET + "/" + copyKey)
                    .structured());
        }

        Scenario service(RawRecord record) {
            steps.add(new Step(true, record));
            return this;
        }

        Scenario store(RawRecord record) {
            steps.add(new Step(false, record));
            return this;
        }

        Scenario expect(Consumer<Scenario> expectations) {
            this.expectations = expectations;
            return this;
        }

        /** The owner is charged these bytes for one file; the store's principal nothing. */
        void chargedOnce(long bytes) {
            assertThat(usage("user", owner.toString()))
                    .as(name + ": owner's usage")
                    .containsExactly(bytes, 1);
            assertPrincipalChargedNothing();
        }

        void assertPrincipalChargedNothing() {
            long[] principalUsage = usage("user", principalUuid(principal).toString());
            if (principalUsage != null) {
                assertThat(principalUsage)
                        .as(name + ": store principal's usage")
                        .containsExactly(0, 0);
            }
        }

        Map<String, Object> onlyFile() {
            List<Map<String, Object>> rows = jdbc.queryForList("""
                    SELECT f.*, f.tags::text AS tags_json, f.provider_metadata::text AS provider_json,
                           (SELECT count(*) FROM storage_file_versions v WHERE v.file_id = f.id) AS versions
                    FROM storage_files f WHERE f.provider_path IN (?, ?) OR f.file_id = ?""", object(), BUCKET + "/moved-" + key, fileId);
            assertThat(rows).as(name + ": files of the object").hasSize(1);
            assertThat(rows.get(0)).as(name).containsEntry("file_id", fileId);
            return rows.get(0);
        }
    }

    private record Step(boolean service, RawRecord record) {}

    private static UUID principalUuid(String principal) {
        return UUID.nameUUIDFromBytes(("s3-principal:" + principal).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void oneObjectIsOneFileChargedOnceInEveryOrder() {
        List<Scenario> scenarios = new ArrayList<>();
        scenarios.add(new Scenario("service, then store")
                .upload(3_000)
                .put(3_000)
                .expect(s -> {
                    Map<String, Object> file = s.onlyFile();
                    assertThat(file)
                            .containsEntry("versions", 1L)
                            .containsEntry("size", 3_000L)
                            .containsEntry("data_classification", "confidential")
                            .containsEntry("created_by", s.owner);
                    assertThat((String) file.get("tags_json")).contains("ward-7");
                    assertThat((String) file.get("provider_json")).contains("eTag");
                    s.chargedOnce(3_000);
                }));
        scenarios.add(new Scenario("store, then service")
                .put(3_000)
                .upload(3_000)
                .expect(s -> {
                    Map<String, Object> file = s.onlyFile();
                    assertThat(file)
                            .containsEntry("versions", 1L)
                            .containsEntry("size", 3_000L)
                            .containsEntry("data_classification", "confidential")
                            .containsEntry("created_by", s.owner)
                            .containsEntry("status", "active");
                    assertThat((String) file.get("tags_json")).contains("ward-7");
                    assertThat((String) file.get("provider_json")).contains("eTag");
                    s.chargedOnce(3_000);
                }));
        scenarios.add(new Scenario("the store corrects the announced size")
                .upload(1_000)
                .put(1_200)
                .expect(s -> {
                    assertThat(s.onlyFile()).containsEntry("versions", 1L).containsEntry("size", 1_200L);
                    assertThat(count("""
                    SELECT v.size FROM storage_file_versions v JOIN storage_files f ON f.id = v.file_id
                    WHERE f.file_id = ?""", s.fileId)).isEqualTo(1_200L);
                    s.chargedOnce(1_200);
                }));
        scenarios.add(new Scenario("the service's size after the store's")
                .put(1_200)
                .upload(1_000)
                .expect(s -> {
                    assertThat(s.onlyFile()).containsEntry("size", 1_200L);
                    s.chargedOnce(1_200);
                }));
        scenarios.add(new Scenario("reads announced by both sides, store first")
                .put(500)
                .get()
                .upload(500)
                .download()
                .expect(s -> {
                    assertThat(s.onlyFile()).containsEntry("access_count", 1);
                    s.chargedOnce(500);
                }));
        scenarios.add(new Scenario("reads announced by both sides, service first")
                .upload(500)
                .download()
                .put(500)
                .get()
                .download()
                .get()
                .expect(s -> {
                    assertThat(s.onlyFile()).containsEntry("access_count", 2);
                    s.chargedOnce(500);
                }));
        scenarios.add(new Scenario("overwrites in lockstep")
                .upload(100)
                .put(100)
                .upload(200)
                .put(200)
                .expect(s -> {
                    assertThat(s.onlyFile()).containsEntry("versions", 2L).containsEntry("size", 200L);
                    s.chargedOnce(300);
                }));
        scenarios.add(new Scenario("overwrites, store ahead")
                .put(100)
                .upload(100)
                .put(200)
                .upload(200)
                .expect(s -> {
                    assertThat(s.onlyFile()).containsEntry("versions", 2L).containsEntry("size", 200L);
                    s.chargedOnce(300);
                }));
        scenarios.add(new Scenario("overwrites, service far ahead")
                .upload(100)
                .upload(200)
                .put(100)
                .put(200)
                .expect(s -> {
                    assertThat(s.onlyFile()).containsEntry("versions", 2L).containsEntry("size", 200L);
                    s.chargedOnce(300);
                }));
        scenarios.add(new Scenario("deleted by both sides")
                .upload(700)
                .put(700)
                .delete()
                .removedInStore()
                .expect(s -> {
                    assertThat(s.onlyFile()).containsEntry("status", "deleted");
                    assertThat(usage("user", s.owner.toString())).containsExactly(0, 0);
                    s.assertPrincipalChargedNothing();
                }));
        scenarios.add(new Scenario("removed in the store before the service deletes")
                .put(700)
                .upload(700)
                .removedInStore()
                .delete()
                .expect(s -> {
                    assertThat(s.onlyFile()).containsEntry("status", "deleted");
                    assertThat(usage("user", s.owner.toString())).containsExactly(0, 0);
                    s.assertPrincipalChargedNothing();
                }));
        scenarios.add(new Scenario("a store removal alone leaves the service's file")
                .upload(700)
                .put(700)
                .removedInStore()
                .expect(s -> {
                    assertThat(s.onlyFile()).containsEntry("status", "active");
                    s.chargedOnce(700);
                }));
        scenarios.add(new Scenario("moved, the store after the service")
                .upload(900)
                .put(900)
                .moveAway()
                .putMoved(900)
                .removedInStore()
                .expect(s -> {
                    assertThat(s.onlyFile()).containsEntry("versions", 1L).containsEntry("status", "active");
                    s.chargedOnce(900);
                }));
        scenarios.add(new Scenario("moved, the store before the service")
                .upload(900)
                .put(900)
                .putMoved(900)
                .removedInStore()
                .moveAway()
                .expect(s -> {
                    assertThat(s.onlyFile()).containsEntry("versions", 1L).containsEntry("status", "active");
                    s.chargedOnce(900);
                }));
        String copyId = TestEvents.randomFileId();
        String copyKey = "copies/" + UUID.randomUUID() + ".pdf";
        scenarios.add(new Scenario("a copy at its own object, the store first")
                .upload(400)
                .put(400)
                .put(copyKey, 400)
                .copy(copyId, copyKey)
                .expect(s -> {
                    assertThat(s.onlyFile()).containsEntry("versions", 1L);
                    assertThat(file(copyId))
                            .containsEntry("provider_path", BUCKET + "/" + copyKey)
                            .containsEntry("created_by", s.owner)
                            .containsEntry("status", "active");
                    assertThat(file(BUCKET + "/" + copyKey)).isNull();
                    assertThat(usage("user", s.owner.toString())).containsExactly(800, 2);
                    s.assertPrincipalChargedNothing();
                }));

        int longest = scenarios.stream().mapToInt(s -> s.steps.size()).max().orElseThrow();
        try (RecordPublisher publisher = publisher()) {
            for (int i = 0; i < longest; i++) {
                List<RawRecord> service = new ArrayList<>();
                List<RawRecord> store = new ArrayList<>();
                for (Scenario scenario : scenarios) {
                    if (i < scenario.steps.size()) {
                        Step step = scenario.steps.get(i);
                        (step.service() ? service : store).add(step.record());
                    }
                }
                publisher.publish(fileEvents, service);
                publisher.publish(s3Notifications, store);
                await().atMost(WAIT).until(this::caughtUp);
            }
        }

        for (Scenario scenario : scenarios) {
            scenario.expectations.accept(scenario);
        }
        assertThat(quotaDrift()).isEmpty();
    }

    @Test
    void announcementsArrivingTogetherStillMakeOneFilePerObject() {
        UUID owner = UUID.randomUUID();
        java.util.Random random = new java.util.Random(42);
        List<RawRecord> service = new ArrayList<>();
        List<RawRecord> store = new ArrayList<>();
        long expectedBytes = 0;
        int objects = 200;
        for (int i = 0; i < objects; i++) {
            String key = "together/" + UUID.randomUUID() + ".pdf";
            long size = 1_000 + random.nextInt(9_000);
            expectedBytes += size;
            service.add(TestEvents.upload()
                    .userId(owner)
                    .data("size", size)
                    .data("providerPath", BUCKET + "/" + key)
                    .structured());
            store.add(TestEvents.s3("s3:ObjectCreated:Put", BUCKET, key)
                    .size(size)
                    .record());
        }
        java.util.Collections.shuffle(service, random);
        java.util.Collections.shuffle(store, random);
        try (RecordPublisher publisher = publisher()) {
            // Both topics at once: the two announcements of an object meet in one batch or in two, in either order.
            publisher.publish(s3Notifications, store.subList(0, objects / 2));
            publisher.publish(fileEvents, service);
            publisher.publish(s3Notifications, store.subList(objects / 2, objects));
        }
        await().atMost(WAIT).until(this::caughtUp);

        assertThat(count("SELECT count(*) FROM storage_files WHERE provider_path LIKE ?", BUCKET + "/together/%"))
                .isEqualTo(objects);
        assertThat(count(
                        "SELECT count(*) FROM storage_files WHERE provider_path LIKE ? AND created_by = ?",
                        BUCKET + "/together/%",
                        owner))
                .isEqualTo(objects);
        assertThat(usage("user", owner.toString())).containsExactly(expectedBytes, objects);
        assertThat(quotaDrift()).isEmpty();
    }
}
