package io.storagecatalog.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.storagecatalog.common.audit.AuditRow;
import io.storagecatalog.jobs.run.JobFaults;
import io.storagecatalog.jobs.statistics.DailyStatisticsRepository;
import io.storagecatalog.jobs.statistics.StatisticsJobConfig;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
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

// One day per unit and two units at once: the first two days are computed side by side.
@Import(StatisticsParallelUnitsTest.Faults.class)
@TestPropertySource(
        properties = {
            "storage-catalog.jobs.statistics.days-per-unit=1",
            "storage-catalog.jobs.statistics.parallel-units=2"
        })
class StatisticsParallelUnitsTest extends JobsTestSupport {

    /** Fails the commit of one day's unit once, when armed; records the units begun, in order. */
    static final class FailOneCommit implements JobFaults {
        final AtomicBoolean armed = new AtomicBoolean();
        volatile String failingDay;
        final List<String> begun = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void beforeUnit(String job, String unit) {
            if (job.equals(StatisticsJobConfig.JOB_NAME)) {
                begun.add(unit);
            }
        }

        @Override
        public void beforeCommit(String job, String unit) {
            if (job.equals(StatisticsJobConfig.JOB_NAME)
                    && unit.equals(failingDay)
                    && armed.compareAndSet(true, false)) {
                throw new IllegalStateException("injected fault before the commit of " + unit);
            }
        }
    }

    @TestConfiguration
    static class Faults {
        @Bean
        @Primary
        FailOneCommit failOneCommit() {
            return new FailOneCommit();
        }
    }

    @Autowired
    FailOneCommit faults;

    @Autowired
    DailyStatisticsRepository repository;

    @Test
    void aFailedUnitRollsBackAloneAndTheRestartComputesItsUnitsAgain() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        UUID alice = UUID.randomUUID();
        String report = "files/" + UUID.randomUUID();
        insertFile(report, "b/report", 1000, "active", null, alice);
        List<AuditRow> rows = new ArrayList<>();
        for (int back = 4; back >= 0; back--) {
            Instant at = today.minusDays(back)
                    .atStartOfDay(ZoneOffset.UTC)
                    .toInstant()
                    .plusSeconds(3600);
            rows.add(auditRow(report, "upload", "success", 1000, alice, at, Instant.now()));
            rows.add(auditRow(report, "download", "success", 1000, alice, at.plusSeconds(60), Instant.now()));
        }
        appendAudit(rows);
        List<String> days = List.of(
                today.minusDays(4).toString(),
                today.minusDays(3).toString(),
                today.minusDays(2).toString(),
                today.minusDays(1).toString(),
                today.toString());
        // The second unit of the second pair fails.
        faults.failingDay = days.get(3);
        faults.armed.set(true);

        var failed = run(StatisticsJobConfig.JOB_NAME, "slot-parallel");
        List<Object> daysAfterFailure = jdbc.queryForList(
                "SELECT DISTINCT day::text FROM storage_daily_statistics " + "ORDER BY 1", Object.class);
        List<String> begunBeforeRestart = List.copyOf(faults.begun);
        var restarted = run(StatisticsJobConfig.JOB_NAME, "slot-parallel");

        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        // The unit beside the failed one committed; the failed one left nothing.
        assertThat(daysAfterFailure).containsExactly(days.get(0), days.get(1), days.get(2));
        assertThat(begunBeforeRestart).containsExactlyElementsOf(days.subList(0, 4));
        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        // The restart begins at the first unit of the pair that failed (not at the first pair), then goes on.
        assertThat(faults.begun.subList(4, faults.begun.size())).containsExactlyElementsOf(days.subList(2, 5));
        List<Map<String, Object>> computed = statistics();
        jdbc.update("DELETE FROM storage_daily_statistics");
        repository.recompute(today.minusDays(4), today.plusDays(1), today.minusDays(2), Instant.now(), "64MB");
        // Every day, for everything and for the user.
        assertThat(computed).isEqualTo(statistics()).hasSize(5 * 2);
    }
}
