package io.storagecatalog.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * The servers of a local run: PostgreSQL (data under {@code <data>/postgres}, kept between runs), a
 * Kafka broker (KRaft) and an S3 API server (S3Proxy over a filesystem store under {@code <data>/s3},
 * kept between runs).
 */
final class LocalInfrastructure implements AutoCloseable {

    static final String DATABASE = "storage_catalog";
    static final String ACCESS_KEY = "storage-catalog";
    static final String SECRET_KEY = "storage-catalog-secret";
    static final String BUCKET = "storage-catalog";

    private final EmbeddedPostgres postgres;
    private final LocalKafka kafka;
    private final S3Proxy s3;
    private final BlobStoreContext blobs;
    private final int s3Port;

    private LocalInfrastructure(
            EmbeddedPostgres postgres, LocalKafka kafka, S3Proxy s3, BlobStoreContext blobs, int s3Port) {
        this.postgres = postgres;
        this.kafka = kafka;
        this.s3 = s3;
        this.blobs = blobs;
        this.s3Port = s3Port;
    }

    static LocalInfrastructure start(Path data, int postgresPort, int kafkaPort, int s3Port) throws Exception {
        Files.createDirectories(data.resolve("postgres"));
        Files.createDirectories(data.resolve("s3"));

        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(data.resolve("postgres"))
                .setCleanDataDirectory(false)
                .setPort(postgresPort)
                .setPGStartupWait(Duration.ofSeconds(60))
                .start();
        createDatabase(postgres.getJdbcUrl("postgres", "postgres"));

        LocalKafka kafka = LocalKafka.start(data.resolve("kafka"), kafkaPort);

        Properties overrides = new Properties();
        overrides.setProperty(
                "jclouds.filesystem.basedir",
                data.resolve("s3").toAbsolutePath().toString());
        BlobStoreContext blobs = ContextBuilder.newBuilder("filesystem")
                .credentials(ACCESS_KEY, SECRET_KEY)
                .overrides(overrides)
                .build(BlobStoreContext.class);
        blobs.getBlobStore().createContainerInLocation(null, BUCKET);
        S3Proxy s3 = S3Proxy.builder()
                .blobStore(blobs.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:" + s3Port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        s3.start();
        return new LocalInfrastructure(postgres, kafka, s3, blobs, s3Port);
    }

    private static void createDatabase(String adminUrl) throws SQLException {
        try (Connection connection = DriverManager.getConnection(adminUrl);
                ResultSet exists = connection
                        .createStatement()
                        .executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
            if (!exists.next()) {
                connection.createStatement().execute("CREATE DATABASE " + DATABASE);
            }
        }
    }

    /** Rows in the catalog's main tables (exact counts: a local database is small). */
    Map<String, Long> counts() throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection connection = DriverManager.getConnection(jdbcUrl())) {
            for (String table : List.of(
                    "storage_files",
                    "storage_file_versions",
                    "storage_file_shares",
                    "storage_quotas",
                    "storage_operations")) {
                try (ResultSet rows = connection.createStatement().executeQuery("SELECT count(*) FROM " + table)) {
                    rows.next();
                    counts.put(table, rows.getLong(1));
                }
            }
        }
        return counts;
    }

    String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", DATABASE);
    }

    String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    String s3Endpoint() {
        return "http://127.0.0.1:" + s3Port;
    }

    @Override
    public void close() {
        // Every server is stopped even when one fails to stop; the first failure is thrown, the others
        // are attached to it.
        IllegalStateException failure = null;
        for (ThrowingStop stop : List.<ThrowingStop>of(s3::stop, blobs::close, kafka::close, postgres::close)) {
            try {
                stop.run();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("could not stop the local servers", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @FunctionalInterface
    private interface ThrowingStop {
        void run() throws Exception;
    }
}
