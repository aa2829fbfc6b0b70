package io.storagecatalog.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.storagecatalog.testkit.TestInfrastructure;
import io.storagecatalog.testkit.TestPostgres;
import io.storagecatalog.testkit.TestS3;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Orphan reconciliation of a large catalog against a large bucket (100,000 each by default,
 * {@code -Dreconciliation.objects=N}), run as users run it: the application jar in a JVM of its own
 * with a 256 MB heap. Bounded memory is the point: the job streams both sides.
 */
class LargeReconciliationIT {

    private static final int ANOMALIES = 10;
    // The size each catalog row gives.
    private static final byte[] ONE_BYTE = {1};

    @Test
    void reconcilesALargeCatalogWithinASmallHeap() throws Exception {
        int objects = Integer.getInteger("reconciliation.objects", 100_000);
        TestPostgres postgres = TestInfrastructure.postgres();
        String database = postgres.createDatabase();
        DriverManagerDataSource dataSource =
                new DriverManagerDataSource(postgres.jdbcUrl(database), postgres.username(), postgres.password());
        Flyway.configure().dataSource(dataSource).load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        String bucket = "large-" + UUID.randomUUID().toString().substring(0, 8);

        // Catalog: objects + ANOMALIES active files; the last ANOMALIES have no object (missing).
        jdbc.update("""
                INSERT INTO storage_files (file_id, filename, original_name, mime_type, size, checksum, provider,
                    provider_path, created_by, created_at, updated_at)
                SELECT 'big/' || i, 'o', 'o', 'application/octet-stream', 1, 'c', 'minio',
                       ? || '/obj-' || lpad(i::text, 8, '0'), gen_random_uuid(), now(), now()
                FROM generate_series(1, ?) AS i""", bucket, objects + ANOMALIES);
        // Store: the first `objects` catalogued objects, plus ANOMALIES that no row knows.
        TestS3 s3 = TestInfrastructure.s3();
        MinioClient client = s3.client();
        client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
        long putStart = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<?>> puts = new ArrayList<>();
        for (int i = 1; i <= objects; i++) {
            String key = String.format("obj-%08d", i);
            puts.add(pool.submit(() -> s3.preload(client, bucket, key, ONE_BYTE)));
        }
        // The objects no row knows go through the API, as any object of a real store.
        for (int i = objects + 1; i <= objects + ANOMALIES; i++) {
            String key = "unknown-" + i;
            puts.add(pool.submit(() -> client.putObject(
                    PutObjectArgs.builder().bucket(bucket).object(key).stream(new ByteArrayInputStream(ONE_BYTE), 1, -1)
                            .build())));
        }
        for (Future<?> put : puts) {
            put.get();
        }
        pool.shutdown();
        System.out.printf(
                "prepared %d rows and %d objects in %d s%n",
                objects + ANOMALIES,
                objects + ANOMALIES,
                Duration.ofNanos(System.nanoTime() - putStart).toSeconds());

        Path log = Files.createTempFile("reconciliation", ".log");
        Process job = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx256m",
                        "-jar",
                        "target/maintenance-jobs.jar",
                        "--job=orphan-reconciliation",
                        "--spring.datasource.url=" + postgres.jdbcUrl(database),
                        "--spring.datasource.username=" + postgres.username(),
                        "--spring.datasource.password=" + postgres.password(),
                        "--spring.kafka.bootstrap-servers="
                                + TestInfrastructure.kafka().bootstrapServers(),
                        "--storage-catalog.s3.endpoint=" + s3.endpoint(),
                        "--storage-catalog.s3.access-key=" + s3.accessKey(),
                        "--storage-catalog.s3.secret-key=" + s3.secretKey(),
                        "--storage-catalog.monitoring.password=" + UUID.randomUUID(),
                        "--storage-catalog.audit.signing-key=" + io.storagecatalog.testkit.TestSigningKey.file(),
                        "--storage-catalog.jobs.orphan-reconciliation.buckets=" + bucket)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        long jobStart = System.nanoTime();
        boolean finished = job.waitFor(10, TimeUnit.MINUTES);
        long seconds = Duration.ofNanos(System.nanoTime() - jobStart).toSeconds();
        System.out.printf(
                "reconciliation of %d rows against %d objects with -Xmx256m: %d s (exit %s)%n",
                objects + ANOMALIES, objects + ANOMALIES, seconds, finished ? job.exitValue() : "timeout");

        assertThat(finished).as("finished; log %s", log).isTrue();
        assertThat(job.exitValue()).as("exit code; log %s", log).isZero();
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM storage_orphan_objects WHERE bucket = ?", Long.class, bucket))
                .isEqualTo(ANOMALIES);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM storage_files WHERE status = 'corrupted'", Long.class))
                .isEqualTo(ANOMALIES);
    }
}
