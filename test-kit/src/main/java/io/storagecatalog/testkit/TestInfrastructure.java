package io.storagecatalog.testkit;

import java.util.function.Supplier;

/**
 * The servers every integration test runs against, started once per test JVM on first use and
 * stopped when the JVM exits. Environment variables point the tests at external servers instead:
 * <ul>
 * <li>{@code STORAGE_CATALOG_TEST_JDBC_URL}, {@code STORAGE_CATALOG_TEST_JDBC_USER},
 * {@code STORAGE_CATALOG_TEST_JDBC_PASSWORD}</li>
 * <li>{@code STORAGE_CATALOG_TEST_KAFKA} (bootstrap servers)</li>
 * <li>{@code STORAGE_CATALOG_TEST_S3_ENDPOINT}, {@code STORAGE_CATALOG_TEST_S3_ACCESS_KEY},
 * {@code STORAGE_CATALOG_TEST_S3_SECRET_KEY}</li>
 * </ul>
 * Otherwise they run in the test JVM and its child processes, or as containers ({@link TestServerMode}).
 */
public final class TestInfrastructure {

    private TestInfrastructure() {}

    public static TestPostgres postgres() {
        ServerStarts.check("PostgreSQL");
        return PostgresHolder.INSTANCE;
    }

    /**
     * An embedded PostgreSQL of the caller's own, with these server settings (for example a durable one,
     * {@code fsync=on}, for a benchmark), stopped when the JVM exits. Not shared with the tests.
     */
    public static TestPostgres dedicatedPostgres(java.util.Map<String, String> settings) {
        EmbeddedTestPostgres server = EmbeddedTestPostgres.start(settings);
        onExit(server::stop);
        return server;
    }

    public static TestKafka kafka() {
        ServerStarts.check("Kafka");
        return KafkaHolder.INSTANCE;
    }

    public static TestS3 s3() {
        ServerStarts.check("an S3 API server");
        return S3Holder.INSTANCE;
    }

    // Lazy holders: a server starts only when a test needs it, once per JVM (class initialisation is
    // thread-safe and happens once).
    private static final class PostgresHolder {
        static final TestPostgres INSTANCE = external(
                "STORAGE_CATALOG_TEST_JDBC_URL",
                url -> new ExternalTestPostgres(
                        url,
                        env("STORAGE_CATALOG_TEST_JDBC_USER", "postgres"),
                        env("STORAGE_CATALOG_TEST_JDBC_PASSWORD", "postgres")),
                () -> {
                    if (TestServerMode.containers()) {
                        ContainerTestPostgres server = ContainerTestPostgres.start();
                        onExit(server::stop);
                        return server;
                    }
                    EmbeddedTestPostgres server = EmbeddedTestPostgres.start();
                    onExit(server::stop);
                    return server;
                });
    }

    private static final class KafkaHolder {
        static final TestKafka INSTANCE = external("STORAGE_CATALOG_TEST_KAFKA", ExternalTestKafka::new, () -> {
            if (TestServerMode.containers()) {
                ContainerTestKafka broker = ContainerTestKafka.start();
                onExit(broker::stop);
                return broker;
            }
            EmbeddedTestKafka broker = EmbeddedTestKafka.start();
            onExit(broker::stop);
            return broker;
        });
    }

    private static final class S3Holder {
        static final TestS3 INSTANCE = external(
                "STORAGE_CATALOG_TEST_S3_ENDPOINT",
                endpoint -> new ExternalTestS3(
                        endpoint,
                        env("STORAGE_CATALOG_TEST_S3_ACCESS_KEY", "minioadmin"),
                        env("STORAGE_CATALOG_TEST_S3_SECRET_KEY", "minioadmin")),
                () -> {
                    if (TestServerMode.containers()) {
                        ContainerTestS3 server = ContainerTestS3.start();
                        onExit(server::stop);
                        return server;
                    }
                    EmbeddedTestS3 server = EmbeddedTestS3.start();
                    onExit(server::stop);
                    return server;
                });
    }

    private static <T> T external(
            String variable, java.util.function.Function<String, T> external, Supplier<T> embedded) {
        String value = System.getenv(variable);
        return value == null || value.isBlank() ? embedded.get() : external.apply(value);
    }

    private static String env(String variable, String defaultValue) {
        String value = System.getenv(variable);
        return value == null || value.isBlank() ? defaultValue : value;
    }

    private static void onExit(Runnable stop) {
        Runtime.getRuntime().addShutdownHook(new Thread(stop, "test-infrastructure-shutdown"));
    }
}
