package io.storagecatalog.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.storagecatalog.jobs.orphans.OrphanReconciliationJobConfig;
import io.storagecatalog.jobs.processed.ProcessedEventsPruningJobConfig;
import io.storagecatalog.jobs.quotas.QuotaRecalculationJobConfig;
import io.storagecatalog.jobs.rotation.AuditRotationJobConfig;
import io.storagecatalog.jobs.shares.ShareExpiryJobConfig;
import io.storagecatalog.jobs.statistics.StatisticsJobConfig;
import io.storagecatalog.jobs.verification.AuditVerificationJobConfig;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.test.context.TestPropertySource;

/**
 * The maintenance jobs logged in as a member of {@code storage_catalog_maintenance}, the migrations run by
 * the owner: every job completes with the rights of that role, the rotation removing audit rows through
 * the one function allowed to.
 */
@TestPropertySource(properties = "storage-catalog.test.runtime-role=storage_catalog_maintenance")
class LeastPrivilegeTest extends JobsTestSupport {

    @Test
    void everyJobCompletesWithTheRightsOfItsRoleOnly() {
        assertThat(jdbc.queryForObject("SELECT current_user", String.class)).startsWith("storage_catalog_maintenance_");
        UUID user = UUID.randomUUID();
        Instant old = Instant.now().minus(120, ChronoUnit.DAYS);
        appendAudit(IntStream.range(0, 300)
                .mapToObj(i -> auditRow("files/old-" + i, "download", "success", i, user, old, old))
                .toList());
        seal();
        appendAudit(List.of(auditRow("files/new", "upload", "success", 10, user, Instant.now(), Instant.now())));
        seal();

        for (String job : List.of(
                StatisticsJobConfig.JOB_NAME,
                QuotaRecalculationJobConfig.JOB_NAME,
                ShareExpiryJobConfig.JOB_NAME,
                OrphanReconciliationJobConfig.JOB_NAME,
                ProcessedEventsPruningJobConfig.JOB_NAME,
                AuditVerificationJobConfig.JOB_NAME,
                AuditRotationJobConfig.JOB_NAME)) {
            assertThat(run(job).getStatus()).as(job).isEqualTo(BatchStatus.COMPLETED);
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM storage_audit_rotations", Long.class))
                .isPositive();
    }
}
