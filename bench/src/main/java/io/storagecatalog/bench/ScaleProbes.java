package io.storagecatalog.bench;

import io.storagecatalog.testkit.EmbeddedTestS3;
import io.storagecatalog.testkit.TestInfrastructure;
import io.storagecatalog.testkit.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The scale probes: how the catalog's query API and two maintenance jobs behave at the sizes of a
 * large installation, each on a fresh database of the test kit's PostgreSQL (migrated by Flyway), the
 * jobs against the test kit's Kafka and an S3Proxy like the test kit's ({@link EmbeddedTestS3}):
 * <ol>
 * <li>{@code listFiles} latency, p50 / p99 / max per kind of call, over N catalog rows ({@link SearchProbe});</li>
 * <li>the {@code orphan-reconciliation} job over N rows against N objects, time and peak heap in a JVM
 * limited to 256 MB ({@link ReconciliationProbe});</li>
 * <li>the {@code statistics} job over M audit rows, time and peak heap ({@link StatisticsProbe});</li>
 * <li>the catalog API over HTTP against the same calls in-process ({@link ApiProbe});</li>
 * <li>inclusion proofs of audit rows over M rows sealed by a signed checkpoint ({@link ProofProbe}).</li>
 * </ol>
 * Writes probes.md and probes.json.
 *
 * <p>{@code java -jar bench/target/bench.jar --probes [--rows=1000000] [--objects=1000000]
 * [--operations=10000000] [--objects-per-bucket=10000] [--search-calls=100] [--api-calls=500]
 * [--proof-calls=1000] [--only=search,api,reconciliation,statistics,proofs] [--jobs-jar=maintenance-jobs/target/maintenance-jobs.jar]
 * [--baseline-jobs-jar=PATH] (the statistics probe runs that build first, on the same data)
 * [--out=bench/results]}
 */
final class ScaleProbes {

    private ScaleProbes() {}

    static void run(String[] args) throws Exception {
        ProbeOptions options = ProbeOptions.parse(args);
        TestPostgres postgres = TestInfrastructure.postgres();
        Path logs = Files.createTempDirectory("scale-probes");
        System.out.println("scale probes: job logs in " + logs);
        ProbeReport report = new ProbeReport(options);
        if (options.runs("search")) {
            report.search(new SearchProbe(postgres, options.rows(), options.searchCalls()).run());
        }
        if (options.runs("api")) {
            report.api(new ApiProbe(postgres, options.rows(), options.apiCalls()).run());
        }
        if (options.runs("proofs")) {
            try (EmbeddedTestS3 s3 = EmbeddedTestS3.start()) {
                report.proofs(new ProofProbe(postgres, s3, options.operations(), options.proofCalls()).run());
            }
        }
        if (options.runs("reconciliation") || options.runs("statistics")) {
            try (EmbeddedTestS3 s3 = EmbeddedTestS3.start()) {
                JobProcess jobs = new JobProcess(
                        options.jobsJar(), TestInfrastructure.kafka().bootstrapServers(), s3, logs);
                if (options.runs("reconciliation")) {
                    report.reconciliation(
                            new ReconciliationProbe(postgres, s3, jobs, options.objects(), options.objectsPerBucket())
                                    .run());
                }
                if (options.runs("statistics")) {
                    JobProcess baseline = options.baselineJobsJar() == null
                            ? null
                            : new JobProcess(
                                    options.baselineJobsJar(),
                                    TestInfrastructure.kafka().bootstrapServers(),
                                    s3,
                                    logs);
                    report.statistics(
                            new StatisticsProbe(postgres, jobs, baseline, options.operations(), options.rows()).run());
                }
            }
        }
        report.write(options.out());
    }
}
