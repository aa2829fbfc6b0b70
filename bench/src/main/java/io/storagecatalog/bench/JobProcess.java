package io.storagecatalog.bench;

import io.storagecatalog.testkit.ChildProcess;
import io.storagecatalog.testkit.TestS3;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a maintenance job as users run it: the application jar in a JVM of its own with a 256 MB heap
 * ({@code java -Xmx256m -jar maintenance-jobs.jar --job=<name>}), as {@code LargeReconciliationIT}
 * does. The JVM writes its GC log (every collection's heap before and after, and the heap at exit),
 * from which the peak heap is read ({@link HeapPeak}); the job's own duration is read from the Spring
 * Batch job repository, so JVM and Spring start-up are reported apart.
 */
final class JobProcess {

    static final String MAX_HEAP = "256m";
    private static final long TIMEOUT_MINUTES = 60;

    // The job's last execution, from the job repository of the probe's database.
    private static final String LAST_EXECUTION = """
            SELECT e.status, extract(epoch FROM e.end_time - e.start_time) AS seconds,
                   (SELECT coalesce(sum(s.read_count), 0) FROM batch_step_execution s
                    WHERE s.job_execution_id = e.job_execution_id) AS units
            FROM batch_job_execution e JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id
            WHERE i.job_name = ? ORDER BY e.job_execution_id DESC LIMIT 1
            """;

    // Each step's units of work and time, in the order they ran.
    private static final String STEPS = """
            SELECT s.step_name, s.read_count, extract(epoch FROM s.end_time - s.start_time) AS seconds
            FROM batch_step_execution s
            WHERE s.job_execution_id = (SELECT max(e.job_execution_id) FROM batch_job_execution e
                                        JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id
                                        WHERE i.job_name = ?)
            ORDER BY s.step_execution_id
            """;

    /** A step of a run: its units of work (days, windows, pages of purged files) and its time. */
    record Step(String name, long units, double seconds) {}

    /**
     * What one run took.
     *
     * @param units       the units of work its steps did (days, windows, pages of purged files)
     * @param jobSeconds  from the job's start to its end, as the job repository recorded them
     * @param wallSeconds the JVM's whole life: start-up, the job, shut-down
     */
    record Run(
            String job,
            int exitCode,
            String status,
            long units,
            double jobSeconds,
            double wallSeconds,
            HeapPeak heap,
            List<Step> steps,
            Path log) {

        boolean completed() {
            return exitCode == 0 && "COMPLETED".equals(status);
        }
    }

    private final Path jar;
    private final String kafka;
    private final TestS3 s3;
    private final Path logs;
    private int runs;

    JobProcess(Path jar, String kafka, TestS3 s3, Path logs) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("maintenance-jobs jar " + jar.toAbsolutePath() + " not found: build it "
                    + "(./mvnw -q -B -o package -DskipTests -pl bench -am) or give --jobs-jar=PATH");
        }
        this.jar = jar;
        this.kafka = kafka;
        this.s3 = s3;
        this.logs = logs;
    }

    Run run(ProbeDatabase db, String job, String... settings) {
        String name = job + "-" + db.name() + "-" + ++runs;
        Path log = logs.resolve(name + ".log");
        Path gcLog = logs.resolve(name + ".gc.log");
        List<String> command = new ArrayList<>(List.of(
                ChildProcess.java(),
                "-Xmx" + MAX_HEAP,
                "-Xlog:gc,gc+heap+exit:file=" + gcLog,
                "-jar",
                jar.toString(),
                "--job=" + job,
                "--spring.datasource.url=" + db.url(),
                "--spring.datasource.username=" + db.server().username(),
                "--spring.datasource.password=" + db.server().password(),
                "--spring.kafka.bootstrap-servers=" + kafka,
                "--storage-catalog.s3.endpoint=" + s3.endpoint(),
                "--storage-catalog.s3.access-key=" + s3.accessKey(),
                "--storage-catalog.s3.secret-key=" + s3.secretKey(),
                "--storage-catalog.monitoring.password=" + java.util.UUID.randomUUID(),
                "--storage-catalog.audit.signing-key=" + io.storagecatalog.testkit.TestSigningKey.file()));
        for (String setting : settings) {
            command.add("--" + setting);
        }
        try {
            long start = System.nanoTime();
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(
                        "job " + job + " did not end within " + TIMEOUT_MINUTES + " minutes; log " + log);
            }
            double wall = (System.nanoTime() - start) / 1e9;
            List<Step> steps = db.jdbc()
                    .query(
                            STEPS,
                            (rs, n) -> new Step(
                                    rs.getString("step_name"), rs.getLong("read_count"), rs.getDouble("seconds")),
                            job);
            Run run = db.jdbc()
                    .query(
                            LAST_EXECUTION,
                            rs -> rs.next()
                                    ? new Run(
                                            job,
                                            process.exitValue(),
                                            rs.getString("status"),
                                            rs.getLong("units"),
                                            rs.getDouble("seconds"),
                                            wall,
                                            HeapPeak.read(gcLog),
                                            steps,
                                            log)
                                    : new Run(
                                            job,
                                            process.exitValue(),
                                            "NONE",
                                            0,
                                            Double.NaN,
                                            wall,
                                            HeapPeak.read(gcLog),
                                            steps,
                                            log),
                            job);
            System.out.printf(
                    "  job %s: %s (exit %d) in %.1f s (JVM %.1f s), heap peak %.0f MB, log %s%n",
                    job,
                    run.status(),
                    run.exitCode(),
                    run.jobSeconds(),
                    run.wallSeconds(),
                    run.heap().peakUsedMb(),
                    log);
            return run;
        } catch (IOException e) {
            throw new UncheckedIOException("could not run job " + job, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while job " + job + " ran", e);
        }
    }
}
