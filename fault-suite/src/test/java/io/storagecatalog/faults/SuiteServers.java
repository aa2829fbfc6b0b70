package io.storagecatalog.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.minio.BucketExistsArgs;
import io.minio.MakeBucketArgs;
import io.storagecatalog.testkit.RestartablePostgres;
import io.storagecatalog.testkit.TestInfrastructure;
import io.storagecatalog.testkit.TestS3;

/**
 * The servers of the whole suite: a PostgreSQL and a Kafka broker that scenarios stop and start, and
 * the S3 API server; where the worker jars are and where logs go.
 */
final class SuiteServers implements AutoCloseable {

    private final Path jars;
    private final Path logs;
    private final RestartablePostgres postgres;
    private final KafkaBroker kafka;
    private final TestS3 s3;
    private final String bucket = "fault-suite";

    SuiteServers(Path jars, Path work) {
        this.jars = jars;
        this.logs = createDirectories(work.resolve("logs"));
        this.postgres = RestartablePostgres.start();
        this.kafka = KafkaBroker.start(work);
        this.s3 = TestInfrastructure.s3();
        try {
            if (!s3.client().bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
                s3.client().makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not create bucket " + bucket, e);
        }
    }

    /** The executable jar of a worker module, as {@code ./mvnw package} builds it. */
    Path jar(String module) {
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
