package io.storagecatalog.testkit;

import java.util.HashMap;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a Spring test context at the test infrastructure: a fresh database of its own on the
 * shared PostgreSQL, topics and a consumer group of its own on the shared Kafka broker, and the
 * shared S3 API server. Use it with
 * {@code @ContextConfiguration(initializers = TestInfrastructureInitializer.class)} or
 * {@link WithTestInfrastructure}.
 */
class TestInfrastructureInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestPostgres postgres = TestInfrastructure.postgres();
        String database = postgres.createDatabase();
        Map<String, Object> properties = new HashMap<>();
        properties.put("spring.datasource.url", postgres.jdbcUrl(database));
        properties.put("spring.datasource.username", postgres.username());
        properties.put("spring.datasource.password", postgres.password());
        properties.put(
                "spring.kafka.bootstrap-servers", TestInfrastructure.kafka().bootstrapServers());
        properties.put("spring.kafka.consumer.auto-offset-reset", "earliest");
        TestS3 s3 = TestInfrastructure.s3();
        properties.put("storage-catalog.s3.endpoint", s3.endpoint());
        properties.put("storage-catalog.s3.access-key", s3.accessKey());
        properties.put("storage-catalog.s3.secret-key", s3.secretKey());
        properties.put("storage-catalog.test.database", database);
        properties.put("storage-catalog.monitoring.password", MONITORING_PASSWORD);
        properties.put(TestSigningKey.SETTING, TestSigningKey.file().toString());
        // Topics and consumer groups of their own, so that contexts sharing the broker never see each
        // other's records.
        String suffix = database.substring("catalog_".length());
        properties.put("storage-catalog.test.suffix", suffix);
        properties.put("storage-catalog.topics.file-events", "storage.file-events." + suffix);
        properties.put("storage-catalog.topics.s3-notifications", "storage.s3-notifications." + suffix);
        properties.put("storage-catalog.topics.catalog-events", "storage.catalog-events." + suffix);
        properties.put("spring.kafka.consumer.group-id", "storage-catalog-test-" + suffix);
        String role = context.getEnvironment().getProperty(RUNTIME_ROLE);
        if (role != null && !role.isBlank()) {
            // As in production: the migrations as the owner, everything else as a member of the process's role.
            RuntimeRoles.Login login = RuntimeRoles.loginFor(postgres, role);
            properties.put("spring.datasource.url", RuntimeRoles.withoutCredentials(postgres.jdbcUrl(database)));
            properties.put("spring.flyway.url", postgres.jdbcUrl(database));
            properties.put("spring.flyway.user", postgres.username());
            properties.put("spring.flyway.password", postgres.password());
            properties.put("spring.datasource.username", login.user());
            properties.put("spring.datasource.password", login.password());
        }
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("testInfrastructure", properties));
    }

    /** The monitoring login's password of every test context (user {@code monitor}). */
    public static final String MONITORING_PASSWORD = "test-monitoring-login";

    /** The group role (for example {@code storage_catalog_ingest}) the context's process runs as, when set. */
    public static final String RUNTIME_ROLE = "storage-catalog.test.runtime-role";
}
