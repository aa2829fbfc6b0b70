package io.storagecatalog.jobs.run;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Builds the jobs' steps and jobs the same way: each step is a tasklet that does one bounded unit of
 * work per iteration (one transaction, one restart point, one progress line) until it is done.
 */
@Component
public class JobSteps {

    private final JobRepository repository;
    private final PlatformTransactionManager transactions;
    private final ProgressListener progress;
    private final JobMetrics metrics;

    public JobSteps(
            JobRepository repository,
            PlatformTransactionManager transactions,
            ProgressListener progress,
            JobMetrics metrics) {
        this.repository = repository;
        this.transactions = transactions;
        this.progress = progress;
        this.metrics = metrics;
    }

    public Step step(String name, Tasklet tasklet) {
        return new StepBuilder(name, repository)
                .tasklet(tasklet, transactions)
                .listener(progress)
                .build();
    }

    public Job job(String name, Step first, Step... more) {
        metrics.register(name);
        var builder = new JobBuilder(name, repository).start(first);
        for (Step step : more) {
            builder = builder.next(step);
        }
        return builder.build();
    }
}
