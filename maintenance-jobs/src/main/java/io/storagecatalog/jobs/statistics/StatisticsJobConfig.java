package io.storagecatalog.jobs.statistics;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.storagecatalog.common.stats.DailyStatisticsRepository;
import io.storagecatalog.jobs.JobsProperties;
import io.storagecatalog.jobs.run.JobFaults;
import io.storagecatalog.jobs.run.JobSteps;

/**
 * Daily statistics: recomputes, one UTC day per transaction, every day that is not final yet (from the
 * day after the last final one, or the first day on record, to today). Days older than
 * {@code finalize-after} are computed one last time and marked final. A day is replaced whole, so a
 * second run gives the same rows; a failed run restarts at the day it stopped on.
 */
@Configuration(proxyBeanMethods = false)
public class StatisticsJobConfig {

    public static final String JOB_NAME = "statistics";
    private static final String NEXT_DAY = "statistics.nextDay";

    @Bean
    Job statisticsJob(JobSteps steps, DailyStatisticsRepository statistics, JobsProperties properties,
            JobFaults faults) {
        return steps.job(JOB_NAME, steps.step("aggregate-days", (contribution, context) -> {
            ExecutionContext state = context.getStepContext().getStepExecution().getExecutionContext();
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            LocalDate day = state.containsKey(NEXT_DAY) ? LocalDate.parse(state.getString(NEXT_DAY)) : firstDay(statistics);
            if (day == null || day.isAfter(today)) {
                return RepeatStatus.FINISHED;
            }
            faults.beforeUnit(JOB_NAME, day.toString());
            long finalizeDays = properties.statistics().finalizeAfter().toDays();
            boolean finalDay = day.isBefore(today.minusDays(finalizeDays));
            contribution.incrementReadCount();
            contribution.incrementWriteCount(statistics.recompute(day, finalDay, Instant.now()));
            state.putString(NEXT_DAY, day.plusDays(1).toString());
            return day.isBefore(today) ? RepeatStatus.CONTINUABLE : RepeatStatus.FINISHED;
        }));
    }

    private static LocalDate firstDay(DailyStatisticsRepository statistics) {
        LocalDate lastFinal = statistics.lastFinalDay();
        return lastFinal != null ? lastFinal.plusDays(1) : statistics.firstDay();
    }
}
