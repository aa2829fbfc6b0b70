package io.storagecatalog.ingest;

import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/** One more ingest worker in this JVM, started with explicit properties (a second instance, or one on its own database). */
final class IngestWorkerInstance implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private IngestWorkerInstance(ConfigurableApplicationContext context) {
        this.context = context;
    }

    static IngestWorkerInstance start(Map<String, Object> properties) {
        Map<String, Object> all = new HashMap<>(properties);
        all.put("server.port", "0");
        all.put("spring.kafka.consumer.auto-offset-reset", "earliest");
        // Command-line arguments: they take precedence over application.yml (default properties would not).
        String[] args = all.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new IngestWorkerInstance(new SpringApplicationBuilder(IngestWorkerApplication.class).run(args));
    }

    /** The properties that make an instance join the same database, topics and consumer group as {@code env}. */
    static Map<String, Object> sameAs(Environment env) {
        Map<String, Object> properties = new HashMap<>();
        for (String name : new String[] {
            "spring.datasource.url",
            "spring.datasource.username",
            "spring.datasource.password",
            "spring.kafka.bootstrap-servers",
            "spring.kafka.consumer.group-id",
            "storage-catalog.topics.file-events",
            "storage-catalog.topics.s3-notifications",
            "storage-catalog.topics.catalog-events",
            "storage-catalog.topics.partitions",
            "storage-catalog.ingest.unknown-file-retry",
            "storage-catalog.ingest.unknown-file-retry-interval",
            "storage-catalog.ingest.max-backoff"
        }) {
            properties.put(name, env.getRequiredProperty(name));
        }
        // The migrations' owner, when the instance logs in as a runtime role.
        for (String name : new String[] {
            "spring.flyway.url", "spring.flyway.user", "spring.flyway.password", "storage-catalog.monitoring.password"
        }) {
            if (env.containsProperty(name)) {
                properties.put(name, env.getProperty(name));
            }
        }
        return properties;
    }

    ConfigurableApplicationContext context() {
        return context;
    }

    @Override
    public void close() {
        context.close();
    }
}
