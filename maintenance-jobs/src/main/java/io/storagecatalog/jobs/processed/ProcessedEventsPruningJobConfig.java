package io.storagecatalog.jobs.processed;

import io.storagecatalog.common.catalog.ProcessedEventRepository;
import io.storagecatalog.jobs.JobsProperties;
import io.storagecatalog.jobs.run.JobSteps;
import java.time.Instant;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Processed-events pruning: forgets the identities of events applied longer ago than the deduplication
 * window ({@code storage-catalog.jobs.processed-events-pruning.window}), 10,000 per transaction, so that
 * the table holds about a window's worth of events under any steady stream.
 */
@Configuration(proxyBeanMethods = false)
public class ProcessedEventsPruningJobConfig {

    public static final String JOB_NAME = "processed-events-pruning";
    static final int CHUNK = 10_000;

    @Bean
    Job processedEventsPruningJob(JobSteps steps, ProcessedEventRepository processed, JobsProperties properties) {
        return steps.job(JOB_NAME, steps.step("prune-processed-events", (contribution, context) -> {
            int pruned = processed.prune(
                    Instant.now().minus(properties.processedEventsPruning().window()), CHUNK);
            contribution.incrementWriteCount(pruned);
            return pruned == CHUNK ? RepeatStatus.CONTINUABLE : RepeatStatus.FINISHED;
        }));
    }
}
