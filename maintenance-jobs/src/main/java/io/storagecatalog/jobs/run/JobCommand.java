package io.storagecatalog.jobs.run;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar maintenance-jobs.jar --job=<name> [--slot=<id>]}: runs one job now (progress in the
 * log, a summary on standard output) and exits 0 when it completed, 1 when it failed, 2 for an unknown
 * job. Running again with the same {@code --slot} restarts a failed run where it stopped.
 */
@Component
class JobCommand implements ApplicationRunner, ExitCodeGenerator {

    private final Map<String, Job> jobs;
    private final JobRunner runner;
    private int exitCode;

    JobCommand(List<Job> jobs, JobRunner runner) {
        this.jobs = jobs.stream().collect(java.util.stream.Collectors.toMap(Job::getName, job -> job));
        this.runner = runner;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!args.containsOption("job")) {
            return;
        }
        String name = args.getOptionValues("job").get(0);
        Job job = jobs.get(name);
        if (job == null) {
            System.out.println("unknown job '" + name + "'; jobs: " + String.join(", ", jobs.keySet()));
            exitCode = 2;
            return;
        }
        String slot = args.containsOption("slot") ? args.getOptionValues("slot").get(0) : "manual-" + Instant.now();
        JobExecution execution = runner.run(job, slot);
        if (execution == null) {
            System.out.println("job " + name + ": slot " + slot + " already completed");
            return;
        }
        System.out.println("job " + name + " slot " + slot + ": " + execution.getStatus());
        execution.getStepExecutions().forEach(step -> System.out.println("  " + JobRunner.progress(step)));
        exitCode = execution.getStatus() == BatchStatus.COMPLETED ? 0 : 1;
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
