package io.storagecatalog.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.storagecatalog.common.audit.AuditRow;
import io.storagecatalog.jobs.run.JobFaults;
import io.storagecatalog.jobs.statistics.StatisticsJobConfig;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.TestPropertySource;

// One day per unit here, so that a fault and the restart land between days; the default unit is several days.
@Import(StatisticsJobTest.Faults.class)
@TestPropertySource(properties = "storage-catalog.jobs.statistics.days-per-unit=1")
class StatisticsJobTest extends JobsTestSupport {

    /** Fails once on the third day it computes, when armed. */
    static final class FailOnThirdDay implements JobFaults {
        final AtomicBoolean armed = new AtomicBoolean();
        final List<String> days = new ArrayList<>();

        @Override
        public void beforeUnit(String job, String unit) {
            if (job.equals(StatisticsJobConfig.JOB_NAME)) {
                days.add(unit);
                if (armed.get() && days.size() == 3) {
                    armed.set(false);
                    throw new IllegalStateException("injected fault on day " + unit);
                }
            }
        }
    }

    @TestConfiguration
    static class Faults {
        @Bean
        @Primary
        FailOnThirdDay failOnThirdDay() {
            return new FailOnThirdDay();
        }
    }

    @Autowired
    FailOnThirdDay faults;

    @Test
    void aggregatesDaysIdempotentlyAndRestartsWhereItFailed() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        UUID alice = UUID.randomUUID();
        String report = "files/" + UUID.randomUUID();
        insertFile(report, "b/report", 1000, "active", null, alice);
        List<AuditRow> rows = new ArrayList<>();
        for (int back = 5; back >= 0; back--) {
            Instant at = today.minusDays(back)
                    .atStartOfDay(ZoneOffset.UTC)
                    .toInstant()
                    .plusSeconds(3600);
            rows.add(auditRow(report, "upload", "success", 1000, alice, at, Instant.now()));
            rows.add(auditRow(report, "download", "success", 1000, alice, at.plusSeconds(60), Instant.now()));
            rows.add(auditRow(report, "download", "failed", 0, alice, at.plusSeconds(120), Instant.now()));
        }
        appendAudit(rows);

        faults.armed.set(true);
        var failed = run(StatisticsJobConfig.JOB_NAME, "slot-1");
        List<String> daysBeforeFailure = List.copyOf(faults.days);
        var restarted = run(StatisticsJobConfig.JOB_NAME, "slot-1");

        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        // The restart began at the failed day: the two days finished before were not computed again.
        assertThat(daysBeforeFailure).hasSize(3);
        assertThat(faults.days)
                .containsExactly(
                        day(today, 5),
                        day(today, 4),
                        day(today, 3),
                        day(today, 3),
                        day(today, 2),
                        day(today, 1),
                        day(today, 0));

        Map<String, Object> allOfToday = jdbc.queryForMap("""
                SELECT files, bytes, uploads, downloads, failures, bytes_transferred FROM storage_daily_statistics
                WHERE day = ? AND scope_type = 'all' AND mime_category = 'application'""", today);
        assertThat(allOfToday)
                .containsEntry("files", 1L)
                .containsEntry("bytes", 1000L)
                .containsEntry("uploads", 1L)
                .containsEntry("downloads", 1L)
                .containsEntry("failures", 1L)
                .containsEntry("bytes_transferred", 2000L);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM storage_daily_statistics WHERE scope_type = 'user' " + "AND scope_id = ?",
                        Long.class,
                        alice.toString()))
                .isEqualTo(6);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM storage_daily_statistics WHERE final AND day < ?",
                        Long.class,
                        today.minusDays(2)))
                .isEqualTo(6);

        List<Map<String, Object>> before = statistics();
        var again = run(StatisticsJobConfig.JOB_NAME, "slot-2");
        assertThat(again.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(statistics()).isEqualTo(before);
        // Final days are not recomputed: the second run starts after the last final day.
        assertThat(faults.days.subList(7, faults.days.size()))
                .containsExactly(
                        today.minusDays(2).toString(), today.minusDays(1).toString(), today.toString());
    }

    private static String day(LocalDate today, int back) {
        return today.minusDays(back).toString();
    }
}
