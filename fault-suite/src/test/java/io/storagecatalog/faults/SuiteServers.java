package io.storagecatalog.faults;

import io.minio.BucketExistsArgs;
import io.minio.MakeBucketArgs;
import io.storagecatalog.testkit.RestartablePostgres;
import io.storagecatalog.testkit.TestInfrastructure;
import io.storagecatalog.testkit.TestS3;
import io.storagecatalog.testkit.WorkerLaunch;
import io.storagecatalog.testkit.WorkerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The servers of the whole suite: a PostgreSQL and a Kafka broker that scenarios stop and start, and
 * the S3 API server; where the worker jars are, how their JVMs start and where logs go.
 */
final class SuiteServers implements AutoCloseable {

    private final Path jars;
    private final Path work;
    private final Path logs;
    private final RestartablePostgres postgres;
    private final KafkaBroker kafka;
    private final TestS3 s3;
    private final String bucket = "fault-suite";
    private final Map<String, CompletableFuture<WorkerLaunch>> launches = new ConcurrentHashMap<>();

    SuiteServers(Path jars, Path work) {
        this.jars = jars;
        this.work = work;
        this.logs = createDirectories(work.resolve("logs"));
        this.postgres = RestartablePostgres.start();
        this.kafka = KafkaBroker.start(work);
        this.s3 = TestInfrastructure.s3();
        try {
            if (!s3.client()
                    .bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
                s3.client().makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not create bucket " + bucket, e);
        }
    }

    /**
     * How to start a worker module: with a class data archive trained, on the first start, by a run
     * with that start's properties (the suite starts each worker some ten times; see {@link WorkerLaunch}).
     * The modules' first starts train side by side.
     */
    CompletableFuture<WorkerLaunch> launch(String module, Map<String, String> properties) {
        return launches.computeIfAbsent(
                module,
                m -> CompletableFuture.supplyAsync(() -> WorkerLaunch.withClassDataArchive(
                        jar(m),
                        WorkerProcess.HEAP,
                        work.resolve("class-data"),
                        properties,
                        logs.resolve(m + "-class-data.log"))));
    }

    /** The executable jar of a worker module, as {@code ./mvnw package} builds it. */
    private Path jar(String module) {
        Path jar = jars.resolve(module).resolve("target").resolve(module + ".jar");
        if (!jar.toFile().isFile()) {
            throw new IllegalStateException(jar + " is missing: build it first (./mvnw -DskipTests package)");
        }
        return jar;
    }

    Path logs() {
        return logs;
    }

    RestartablePostgres postgres() {
        return postgres;
    }

    KafkaBroker kafka() {
        return kafka;
    }

    TestS3 s3() {
        return s3;
    }

    String bucket() {
        return bucket;
    }

    @Override
    public void close() {
        kafka.close();
        postgres.close();
    }

    private static Path createDirectories(Path path) {
        try {
            return Files.createDirectories(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
