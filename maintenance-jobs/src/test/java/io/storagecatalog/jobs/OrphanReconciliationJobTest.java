package io.storagecatalog.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.storagecatalog.common.s3.ObjectStore;
import io.storagecatalog.jobs.orphans.OrphanReconciliationJobConfig;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/** The three kinds of orphans, with keys whose binary order differs from a locale's. */
@TestPropertySource(properties = "storage-catalog.jobs.orphan-reconciliation.window=3")
class OrphanReconciliationJobTest extends JobsTestSupport {

    @Autowired
    ObjectStore store;

    @Test
    void purgesExpiredDeletionsReportsUnknownObjectsAndMarksMissingOrResizedFilesCorrupted() {
        String bucket = "orphans-" + UUID.randomUUID().toString().substring(0, 8);
        store.ensureBucket(bucket);
        UUID owner = UUID.randomUUID();
        // Catalogued and present, in an order that a locale collation would shuffle: upper before lower,
        // '-' before '_' before lower case, and non-ASCII last.
        List<String> healthy = List.of(
                "A.pdf", "B-2.pdf", "B_1.pdf", "a.pdf", "b.pdf", "z.pdf", "\u00e9t\u00e9.pdf", "\u65e5\u672c.pdf");
        for (String key : healthy) {
            put(bucket, key, 5);
            insertFile("f/" + key, bucket + "/" + key, 5, "active", null, owner);
        }
        put(bucket, "resized.pdf", 9);
        String resized = "f/resized";
        insertFile(resized, bucket + "/resized.pdf", 5, "active", null, owner);
        String missing = "f/missing";
        insertFile(missing, bucket + "/missing.pdf", 5, "active", null, owner);
        put(bucket, "nobody-knows-me.bin", 3);
        put(bucket, "Zebra-unknown.bin", 4);
        put(bucket, "expired.pdf", 5);
        put(bucket, "expired.v1.pdf", 5);
        String expired = "f/expired";
        UUID expiredRow = insertFile(
                expired, bucket + "/expired.pdf", 5, "deleted", Instant.now().minus(40, ChronoUnit.DAYS), owner);
        version(expiredRow, bucket + "/expired.v1.pdf", owner);
        appendAudit(List.of(auditRow(expired, "delete", "success", 0, owner, Instant.now(), Instant.now())));
        put(bucket, "recent-delete.pdf", 5);
        insertFile(
                "f/recent",
                bucket + "/recent-delete.pdf",
                5,
                "deleted",
                Instant.now().minus(2, ChronoUnit.DAYS),
                owner);

        var execution = run(OrphanReconciliationJobConfig.JOB_NAME);

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(status(expired)).isNull();
        assertThat(store.size(bucket, "expired.pdf")).isEqualTo(-1);
        assertThat(store.size(bucket, "expired.v1.pdf")).isEqualTo(-1);
        // The delete stays on record, and the purge joins it on the same chain; so do the corrupted marks.
        assertThat(jdbc.queryForList(
                        "SELECT operation FROM storage_operations WHERE file_id = ? ORDER BY seq",
                        String.class,
                        expired))
                .containsExactly("delete", "purge");
        assertThat(jdbc.queryForObject(
                        "SELECT metadata->>'objectsRemoved' FROM storage_operations WHERE file_id = ? "
                                + "AND operation = 'purge'",
                        String.class,
                        expired))
                .isEqualTo("2");
        assertThat(jdbc.queryForList(
                        "SELECT file_id FROM storage_operations WHERE operation = 'mark_corrupted'", String.class))
                .contains(resized, missing);
        seal();
        assertThat(run(io.storagecatalog.jobs.verification.AuditVerificationJobConfig.JOB_NAME)
                        .getStatus())
                .as("the chain, maintenance rows and all, verifies")
                .isEqualTo(BatchStatus.COMPLETED);
        assertThat(status("f/recent")).isEqualTo("deleted");
        assertThat(store.size(bucket, "recent-delete.pdf")).isEqualTo(5);
        assertThat(jdbc.queryForList(
                        "SELECT object_key FROM storage_orphan_objects WHERE bucket = ? ORDER BY 1",
                        String.class,
                        bucket))
                .containsExactly("Zebra-unknown.bin", "nobody-knows-me.bin");
        assertThat(status(resized)).isEqualTo("corrupted");
        assertThat(status(missing)).isEqualTo("corrupted");
        for (String key : healthy) {
            assertThat(status("f/" + key)).as(key).isEqualTo("active");
        }
        assertThat(catalogEventsContaining(1, "storage.file.corrupted", "object missing from the store"))
                .isNotEmpty();
    }

    @Test
    void keepsAnObjectThatALiveCopyOrAnotherFileStillHolds() {
        String bucket = "shared-" + UUID.randomUUID().toString().substring(0, 8);
        store.ensureBucket(bucket);
        UUID owner = UUID.randomUUID();
        Instant longAgo = Instant.now().minus(40, ChronoUnit.DAYS);
        // A copy that names no path of its own shares its source's object; the source is then deleted.
        put(bucket, "shared.pdf", 5);
        insertFile("f/source", bucket + "/shared.pdf", 5, "deleted", longAgo, owner);
        insertFile("f/copy", bucket + "/shared.pdf", 5, "active", null, owner);
        // A version of a live file that a purged file's version also names.
        put(bucket, "versioned.pdf", 5);
        UUID live = insertFile("f/live", bucket + "/live.pdf", 5, "active", null, owner);
        put(bucket, "live.pdf", 5);
        version(live, bucket + "/versioned.pdf", owner);
        UUID gone = insertFile("f/gone", bucket + "/gone.pdf", 5, "deleted", longAgo, owner);
        put(bucket, "gone.pdf", 5);
        version(gone, bucket + "/versioned.pdf", owner);

        assertThat(run(OrphanReconciliationJobConfig.JOB_NAME).getStatus()).isEqualTo(BatchStatus.COMPLETED);

        assertThat(status("f/source")).isNull();
        assertThat(status("f/gone")).isNull();
        assertThat(store.size(bucket, "shared.pdf"))
                .as("the live copy's content")
                .isEqualTo(5);
        assertThat(status("f/copy")).isEqualTo("active");
        assertThat(store.size(bucket, "versioned.pdf"))
                .as("a live file's version")
                .isEqualTo(5);
        assertThat(store.size(bucket, "gone.pdf")).as("held by nothing").isEqualTo(-1);
    }

    @Test
    void aBucketTheStoreDoesNotHaveIsReportedAndTheOthersAreReconciled() {
        String healthy = "healthy-" + UUID.randomUUID().toString().substring(0, 8);
        String gone = "gone-" + UUID.randomUUID().toString().substring(0, 8);
        store.ensureBucket(healthy);
        UUID owner = UUID.randomUUID();
        put(healthy, "kept.pdf", 5);
        insertFile("f/kept-" + healthy, healthy + "/kept.pdf", 5, "active", null, owner);
        insertFile("f/lost-" + gone, gone + "/lost.pdf", 5, "active", null, owner);
        insertFile(
                "f/old-" + gone, gone + "/old.pdf", 5, "deleted", Instant.now().minus(40, ChronoUnit.DAYS), owner);
        insertFile("f/bad-name", "Not_A_Bucket/x.pdf", 5, "active", null, owner);

        var execution = run(OrphanReconciliationJobConfig.JOB_NAME);

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(status("f/kept-" + healthy)).isEqualTo("active");
        assertThat(status("f/lost-" + gone)).isEqualTo("corrupted");
        assertThat(status("f/bad-name")).isEqualTo("corrupted");
        assertThat(status("f/old-" + gone))
                .as("purged although its bucket is gone")
                .isNull();
        assertThat(catalogEventsContaining(1, "storage.file.corrupted", "bucket missing from the store"))
                .isNotEmpty();
        assertThat(catalogEventsContaining(1, "storage.maintenance.completed", "buckets missing from the store", gone))
                .isNotEmpty();
    }

    /** A second version of the file, its content at {@code path}. */
    private void version(UUID file, String path, UUID owner) {
        jdbc.update("""
                INSERT INTO storage_file_versions (file_id, version_number, filename, size, checksum, mime_type,
                    provider_path, created_by, created_at) VALUES (?, 2, 'f', 5, 'c', 'a/b', ?, ?, now())""", file, path, owner);
    }

    private void put(String bucket, String key, int size) {
        store.put(bucket, key, "x".repeat(size).getBytes(StandardCharsets.UTF_8), "application/octet-stream");
    }

    private String status(String fileId) {
        return jdbc
                .query("SELECT status FROM storage_files WHERE file_id = ?", (rs, n) -> rs.getString(1), fileId)
                .stream()
                .findFirst()
                .orElse(null);
    }
}
