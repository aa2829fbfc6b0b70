package io.storagecatalog.jobs.statistics;

import io.storagecatalog.jobs.JobsProperties;
import io.storagecatalog.jobs.run.JobFaults;
import io.storagecatalog.jobs.run.JobSteps;
import io.storagecatalog.jobs.statistics.ParallelUnits.Unit;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Daily statistics: recomputes every day that is not final yet (from the day after the last final one,
 * or the first day on record, to today), {@code days-per-unit} UTC days per unit (one read, one
 * transaction), {@code parallel-units} units at once. Days older than {@code finalize-after} are computed
 * one last time and marked final. Days are replaced whole, so a second run gives the same rows; a failed
 * run restarts at the first unit of the units it was computing.
 */
@Configuration(proxyBeanMethods = false)
public class StatisticsJobConfig {

    public static final String JOB_NAME = "statistics";
    private static final String NEXT_DAY = "statistics.nextDay";

    @Bean
    Job statisticsJob(
            JobSteps steps,
            DailyStatisticsRepository statistics,
            JobsProperties properties,
            JobFaults faults,
            PlatformTransactionManager transactionManager) {
        JobsProperties.Statistics settings = properties.statistics();
        if (settings.daysPerUnit() < 1) {
            throw new IllegalArgumentException(
                    "storage-catalog.jobs.statistics.days-per-unit: must be >= 1, was " + settings.daysPerUnit());
        }
        if (settings.parallelUnits() < 1) {
            throw new IllegalArgumentException(
                    "storage-catalog.jobs.statistics.parallel-units: must be >= 1, was " + settings.parallelUnits());
        }
        return steps.job(JOB_NAME, steps.step("aggregate-days", (contribution, context) -> {
            ExecutionContext state = context.getStepContext().getStepExecution().getExecutionContext();
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            LocalDate day =
                    state.containsKey(NEXT_DAY) ? LocalDate.parse(state.getString(NEXT_DAY)) : firstDay(statistics);
            if (day == null || day.isAfter(today)) {
                return RepeatStatus.FINISHED;
            }
            List<Unit> units = UnitPlan.next(day, today, settings.daysPerUnit(), settings.parallelUnits());
            units.forEach(unit -> faults.beforeUnit(JOB_NAME, unit.from().toString()));
            LocalDate end = units.get(units.size() - 1).to();
            LocalDate finalBefore = today.minusDays(settings.finalizeAfter().toDays());
            try (ParallelUnits parallel = new ParallelUnits(statistics, faults, transactionManager, units.size())) {
                contribution.incrementWriteCount(
                        parallel.recompute(units, finalBefore, Instant.now(), settings.sortMemory()));
            }
            units.forEach(unit -> contribution.incrementReadCount());
            state.putString(NEXT_DAY, end.toString());
            return end.isAfter(today) ? RepeatStatus.FINISHED : RepeatStatus.CONTINUABLE;
        }));
    }

    private static LocalDate firstDay(DailyStatisticsRepository statistics) {
        LocalDate lastFinal = statistics.lastFinalDay();
        return lastFinal != null ? lastFinal.plusDays(1) : statistics.firstDay();
    }
}
