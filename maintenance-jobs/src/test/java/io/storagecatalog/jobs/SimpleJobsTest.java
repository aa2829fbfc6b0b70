package io.storagecatalog.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.storagecatalog.jobs.processed.ProcessedEventsPruningJobConfig;
import io.storagecatalog.jobs.quotas.QuotaRecalculationJobConfig;
import io.storagecatalog.jobs.shares.ShareExpiryJobConfig;
import io.storagecatalog.jobs.verification.AuditVerificationJobConfig;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;

/** Share expiry, quota recalculation and audit verification on prepared data. */
class SimpleJobsTest extends JobsTestSupport {

    @Autowired
    MeterRegistry registry;

    @Test
    void expiresSharesPastExpiryOrOutOfDownloadsOnly() {
        UUID file = insertFile(
                "files/" + UUID.randomUUID(), "b/" + UUID.randomUUID(), 10, "active", null, UUID.randomUUID());
        UUID expired = share(file, Instant.now().minus(1, ChronoUnit.HOURS), null, 0);
        UUID outOfDownloads = share(file, null, 3, 3);
        UUID valid = share(file, Instant.now().plus(1, ChronoUnit.DAYS), 3, 1);

        JobExecution execution = run(ShareExpiryJobConfig.JOB_NAME);

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(active(expired)).isFalse();
        assertThat(active(outOfDownloads)).isFalse();
        assertThat(active(valid)).isTrue();
        assertThat(execution.getStepExecutions().iterator().next().getWriteCount())
                .isEqualTo(2);
        assertThat(catalogEventsContaining(1, "storage.maintenance.completed", "share-expiry"))
                .isNotEmpty();
    }

    @Test
    void correctsQuotaDriftAndFindsNoneTheSecondTime() {
        UUID owner = UUID.randomUUID();
        insertFile("files/" + UUID.randomUUID(), "b/x1", 100, "active", null, owner);
        insertFile("files/" + UUID.randomUUID(), "b/x2", 50, "active", null, owner);
        insertFile("files/" + UUID.randomUUID(), "b/x3", 70, "deleted", Instant.now(), owner);
        jdbc.update(
                "INSERT INTO storage_quotas (entity_type, entity_id, used_storage_bytes, used_files) "
                        + "VALUES ('user', ?, 999, 7)",
                owner.toString());

        JobExecution first = run(QuotaRecalculationJobConfig.JOB_NAME);
        JobExecution second = run(QuotaRecalculationJobConfig.JOB_NAME);

        assertThat(first.getStepExecutions().iterator().next().getWriteCount()).isEqualTo(1);
        assertThat(second.getStepExecutions().iterator().next().getWriteCount()).isZero();
        assertThat(jdbc.queryForMap(
                        "SELECT used_storage_bytes, used_files FROM storage_quotas WHERE entity_id = ?",
                        owner.toString()))
                .containsEntry("used_storage_bytes", 150L)
                .containsEntry("used_files", 2);
        assertThat(jdbc.queryForList(
                        "SELECT metadata->>'storedBytes' || '->' || (metadata->>'expectedBytes') "
                                + "FROM storage_operations WHERE operation = 'quota_corrected' AND file_id = ?",
                        String.class,
                        "user:" + owner))
                .containsExactly("999->150");
    }

    @Test
    void verificationCompletesOnAnIntactChainAndFailsOnATamperedOne() {
        UUID user = UUID.randomUUID();
        appendAudit(java.util.stream.IntStream.range(0, 30)
                .mapToObj(i -> auditRow("files/v" + i, "download", "success", i, user, Instant.now(), Instant.now()))
                .toList());
        seal();

        JobExecution intact = run(AuditVerificationJobConfig.JOB_NAME);
        transactions.executeWithoutResult(status -> {
            jdbc.execute("SET LOCAL session_replication_role = replica");
            jdbc.update("UPDATE storage_operations SET file_id = 'files/forged' WHERE seq = 12");
        });
        JobExecution violated = run(AuditVerificationJobConfig.JOB_NAME);

        assertThat(intact.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(violated.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(catalogEventsContaining(1, "storage.audit.integrity-violation", "CONTENT_CHANGED"))
                .isNotEmpty();
        // The violation is on record although the job that found it failed, and the gauge shows it.
        assertThat(jdbc.queryForList("SELECT intact FROM storage_audit_verifications ORDER BY id", Boolean.class))
                .endsWith(true, false);
        assertThat(jdbc.queryForObject(
                        "SELECT violation_seq FROM storage_audit_verifications ORDER BY id DESC LIMIT 1", Long.class))
                .isEqualTo(12);
        assertThat(registry.get("storage_catalog_audit_chain_intact").gauge().value())
                .isZero();
    }

    @Test
    void forgetsAppliedEventsOlderThanTheWindowOnly() {
        jdbc.update("INSERT INTO storage_processed_events (consumer, event_key, processed_at) "
                + "SELECT 'prune-test', 'old ' || g, now() - interval '31 days' FROM generate_series(1, 25) g");
        jdbc.update("INSERT INTO storage_processed_events (consumer, event_key, processed_at) "
                + "VALUES ('prune-test', 'recent', now() - interval '29 days')");

        JobExecution execution = run(ProcessedEventsPruningJobConfig.JOB_NAME);

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(jdbc.queryForList(
                        "SELECT event_key FROM storage_processed_events WHERE consumer = 'prune-test'", String.class))
                .containsExactly("recent");
        assertThat(execution.getStepExecutions().iterator().next().getWriteCount())
                .isEqualTo(25);
    }

    private UUID share(UUID file, Instant expiresAt, Integer maxDownloads, int downloads) {
        UUID id = UUID.randomUUID();
        jdbc.update(
                """
                INSERT INTO storage_file_shares (id, file_id, shared_by, shared_with, expires_at, max_downloads,
                    download_count, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, now(), now())""",
                id,
                file,
                UUID.randomUUID(),
                UUID.randomUUID(),
                expiresAt == null ? null : java.sql.Timestamp.from(expiresAt),
                maxDownloads,
                downloads);
        return id;
    }

    private boolean active(UUID share) {
        return jdbc.queryForObject("SELECT is_active FROM storage_file_shares WHERE id = ?", Boolean.class, share);
    }
}
