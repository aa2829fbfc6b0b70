package io.storagecatalog.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.storagecatalog.common.audit.AuditArchive;
import io.storagecatalog.common.audit.AuditChainVerifier;
import io.storagecatalog.common.s3.ObjectStore;
import io.storagecatalog.jobs.rotation.AuditRotationJobConfig;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

// Each test on a trail of its own: a chain left tampered with stops the rotation of every later test.
@org.springframework.test.annotation.DirtiesContext(
        classMode = org.springframework.test.annotation.DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
class AuditRotationJobTest extends JobsTestSupport {

    @Autowired
    AuditChainVerifier verifier;

    @Autowired
    AuditArchive archive;

    @Autowired
    ObjectStore store;

    @Value("${storage-catalog.jobs.audit-rotation.archive-bucket}")
    String bucket;

    @Test
    void archivesOldRowsInVerifiedSegmentsAndTheChainStillVerifies() {
        UUID user = UUID.randomUUID();
        Instant old = Instant.now().minus(120, ChronoUnit.DAYS);
        // Three sealed intervals of old rows (10,000, 10,000 and 5,000), then one of new rows.
        for (int size : new int[] {10_000, 10_000, 5_000}) {
            appendAudit(IntStream.range(0, size)
                    .mapToObj(i -> auditRow("files/old-" + i, "download", "success", i, user, old, old))
                    .toList());
            seal();
        }
        appendAudit(IntStream.range(0, 40)
                .mapToObj(i -> auditRow("files/new-" + i, "upload", "success", i, user, Instant.now(), Instant.now()))
                .toList());
        seal();

        var execution = run(AuditRotationJobConfig.JOB_NAME);

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM storage_operations", Long.class))
                .isEqualTo(40);
        assertThat(jdbc.queryForObject("SELECT min(seq) FROM storage_operations", Long.class))
                .isEqualTo(25_001);
        List<String> manifests =
                jdbc.queryForList("SELECT archive_key FROM storage_audit_rotations ORDER BY first_seq", String.class);
        assertThat(manifests).hasSize(3);
        var verification = verifier.verify();
        assertThat(verification.intact()).isTrue();
        assertThat(verification.fromSeq()).isEqualTo(25_000);
        for (String manifest : manifests) {
            assertThat(archive.verify(manifest.substring(bucket.length() + 1)).intact())
                    .isTrue();
        }
        assertThat(run(io.storagecatalog.jobs.verification.AuditVerificationJobConfig.JOB_NAME)
                        .getStatus())
                .as("the auditor's verification over signed archives and the rest of the trail")
                .isEqualTo(BatchStatus.COMPLETED);
    }

    @Test
    void rotatesEachChainOnItsOwn() {
        UUID user = UUID.randomUUID();
        Instant old = Instant.now().minus(120, ChronoUnit.DAYS);
        appendAudit(
                3,
                IntStream.range(0, 30)
                        .mapToObj(i -> auditRow("files/c3-" + i, "download", "success", i, user, old, old))
                        .toList());
        appendAudit(
                0,
                IntStream.range(0, 20)
                        .mapToObj(i -> auditRow("files/c0-" + i, "download", "success", i, user, old, old))
                        .toList());
        appendAudit(
                5,
                IntStream.range(0, 10)
                        .mapToObj(i ->
                                auditRow("files/c5-" + i, "upload", "success", i, user, Instant.now(), Instant.now()))
                        .toList());
        seal();

        assertThat(run(AuditRotationJobConfig.JOB_NAME).getStatus()).isEqualTo(BatchStatus.COMPLETED);

        assertThat(jdbc.queryForList(
                        "SELECT chain, count(*) AS n FROM storage_operations GROUP BY chain ORDER BY chain"))
                .extracting(row -> ((Number) row.get("chain")).intValue() + ":" + row.get("n"))
                .containsExactly("5:10");
        List<java.util.Map<String, Object>> rotations = jdbc.queryForList(
                "SELECT chain, first_seq, last_seq, archive_key FROM storage_audit_rotations ORDER BY chain");
        assertThat(rotations)
                .extracting(row -> row.get("chain") + ":" + row.get("first_seq") + ".." + row.get("last_seq"))
                .containsExactly("0:1..20", "3:1..30");
        String chain3 = (String) rotations.get(1).get("archive_key");
        assertThat(chain3).contains("/audit-archive/chain-3/");
        assertThat(archive.verify(chain3.substring(bucket.length() + 1)).intact())
                .isTrue();
        assertThat(verifier.verify().intact()).isTrue();
        assertThat(run(io.storagecatalog.jobs.verification.AuditVerificationJobConfig.JOB_NAME)
                        .getStatus())
                .as("the auditor's verification over every chain's signed archives")
                .isEqualTo(BatchStatus.COMPLETED);
    }

    @Test
    void refusesToRotateRowsThatDoNotVerifyAgainstTheirCheckpoint() {
        UUID user = UUID.randomUUID();
        Instant old = Instant.now().minus(100, ChronoUnit.DAYS);
        appendAudit(IntStream.range(0, 30)
                .mapToObj(i -> auditRow("files/x-" + i, "delete", "success", i, user, old, old))
                .toList());
        seal();
        transactions.executeWithoutResult(status -> {
            jdbc.execute("SET LOCAL session_replication_role = replica");
            jdbc.update("UPDATE storage_operations SET status = 'failed' WHERE seq = (SELECT min(seq) + 3 FROM "
                    + "storage_operations)");
        });
        long before = jdbc.queryForObject("SELECT count(*) FROM storage_operations", Long.class);

        assertThat(run(AuditRotationJobConfig.JOB_NAME).getStatus()).isEqualTo(BatchStatus.FAILED);

        assertThat(jdbc.queryForObject("SELECT count(*) FROM storage_operations", Long.class))
                .isEqualTo(before);
    }

    @Test
    void detectsATamperedArchiveSegment() {
        UUID user = UUID.randomUUID();
        Instant old = Instant.now().minus(100, ChronoUnit.DAYS);
        appendAudit(IntStream.range(0, 50)
                .mapToObj(i -> auditRow("files/t-" + i, "delete", "success", i, user, old, old))
                .toList());
        seal();
        run(AuditRotationJobConfig.JOB_NAME);
        String manifest = jdbc.queryForObject(
                        "SELECT archive_key FROM storage_audit_rotations ORDER BY first_seq DESC " + "LIMIT 1",
                        String.class)
                .substring(bucket.length() + 1);
        String segment = manifest.replace(".manifest.json", ".ndjson.gz");
        byte[] bytes = store.get(bucket, segment);
        bytes[bytes.length / 2] ^= 0x5A;

        store.put(bucket, segment, bytes, "application/gzip");

        AuditArchive.SegmentCheck check = archive.verify(manifest);
        assertThat(check.intact()).isFalse();
        assertThat(check.detail()).contains("SHA-256");
    }
}
