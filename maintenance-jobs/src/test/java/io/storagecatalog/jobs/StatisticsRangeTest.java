package io.storagecatalog.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.storagecatalog.common.audit.AuditRow;
import io.storagecatalog.jobs.statistics.DailyStatisticsRepository;
import io.storagecatalog.jobs.statistics.StatisticsJobConfig;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/** A unit of several days gives the very rows that one day per unit gives. */
@TestPropertySource(properties = "storage-catalog.jobs.statistics.days-per-unit=1")
class StatisticsRangeTest extends JobsTestSupport {

    @Autowired
    DailyStatisticsRepository repository;

    @Test
    void computesARangeOfDaysInOneUnitAsItComputesThemOneByOne() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        UUID alice = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        String scan = "files/" + UUID.randomUUID();
        String photo = "files/" + UUID.randomUUID();
        insertFile(scan, "b/scan", 5000, "active", null, alice);
        insertFile(photo, "b/photo", 700, "deleted", Instant.now(), bob);
        List<AuditRow> rows = new ArrayList<>();
        for (int back = 9; back >= 0; back--) {
            Instant at = today.minusDays(back)
                    .atStartOfDay(ZoneOffset.UTC)
                    .toInstant()
                    .plusSeconds(60 * back);
            rows.add(auditRow(scan, "upload", "success", 5000, alice, at, Instant.now()));
            rows.add(auditRow(
                    photo,
                    back % 3 == 0 ? "delete" : "download",
                    "success",
                    700,
                    bob,
                    at.plusSeconds(5),
                    Instant.now()));
            rows.add(auditRow(
                    scan,
                    "download",
                    back % 2 == 0 ? "failed" : "success",
                    5000,
                    bob,
                    at.plusSeconds(9),
                    Instant.now()));
            // The last second of the day belongs to it, the first of the next to the next.
            rows.add(auditRow(
                    "files/gone",
                    "upload",
                    "success",
                    1,
                    alice,
                    today.minusDays(back)
                            .plusDays(1)
                            .atStartOfDay(ZoneOffset.UTC)
                            .toInstant()
                            .minusMillis(1),
                    Instant.now()));
        }
        appendAudit(rows);

        var daily = run(StatisticsJobConfig.JOB_NAME, "slot-daily");
        List<Map<String, Object>> oneByOne = statistics();
        jdbc.update("DELETE FROM storage_daily_statistics");
        int written =
                repository.recompute(today.minusDays(9), today.plusDays(1), today.minusDays(2), Instant.now(), "64MB");

        assertThat(daily.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(oneByOne).hasSize(written);
        assertThat(statistics()).isEqualTo(oneByOne);
        assertThat(jdbc.queryForObject("SELECT count(DISTINCT day) FROM storage_daily_statistics", Long.class))
                .isEqualTo(10);
        assertThat(jdbc.queryForObject(
                        "SELECT count(DISTINCT day) FROM storage_daily_statistics WHERE final", Long.class))
                .isEqualTo(7);
        assertThat(jdbc.queryForObject("""
                SELECT uploads FROM storage_daily_statistics
                WHERE day = ? AND scope_type = 'all' AND mime_category = 'unknown'""", Long.class, today)).isEqualTo(1);
    }
}
