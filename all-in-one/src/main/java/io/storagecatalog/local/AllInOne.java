package io.storagecatalog.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.storagecatalog.audit.AuditWorkerApplication;
import io.storagecatalog.ingest.IngestWorkerApplication;
import io.storagecatalog.jobs.MaintenanceJobsApplication;

/**
 * The whole pipeline in one JVM on embedded infrastructure: PostgreSQL, a Kafka broker, an S3 API
 * server, then the ingest worker, the audit worker and the maintenance scheduler, each its own Spring
 * application with its own port. Data lives under {@code --data-dir} (default {@code .local/data}), so
 * a second start keeps it. {@code --seed} publishes a sample stream. Ctrl-C stops everything.
 */
public final class AllInOne implements AutoCloseable {

    /** Where everything listens. */
    public record Ports(int postgres, int kafka, int s3, int ingest, int audit, int jobs) {
        public static final Ports DEFAULTS = new Ports(15432, 19092, 19000, 8081, 8082, 8083);
    }

    private final LocalInfrastructure infrastructure;
    private final List<ConfigurableApplicationContext> workers;

    private AllInOne(LocalInfrastructure infrastructure, List<ConfigurableApplicationContext> workers) {
        this.infrastructure = infrastructure;
        this.workers = workers;
    }

    public static AllInOne start(Path data, Ports ports) throws Exception {
        LocalInfrastructure infrastructure = LocalInfrastructure.start(data, ports.postgres(), ports.kafka(),
                ports.s3());
        List<ConfigurableApplicationContext> workers = new ArrayList<>();
        try {
            workers.add(run(IngestWorkerApplication.class, infrastructure, "ingest-worker", ports.ingest(),
                    Map.of("spring.kafka.listener.ack-mode", "manual")));
            workers.add(run(AuditWorkerApplication.class, infrastructure, "audit-worker", ports.audit(),
                    Map.of("spring.kafka.listener.ack-mode", "manual",
                            "storage-catalog.audit.checkpoint-interval", "1m")));
            workers.add(run(MaintenanceJobsApplication.class, infrastructure, "maintenance-jobs", ports.jobs(),
                    Map.of()));
        } catch (RuntimeException e) {
            workers.forEach(ConfigurableApplicationContext::close);
            infrastructure.close();
            throw e;
        }
        return new AllInOne(infrastructure, workers);
    }

    // The three applications share this JVM's class path, where only one application.yml is found
    // first: every setting that differs between them, or that they need, is given here explicitly.
    private static ConfigurableApplicationContext run(Class<?> application, LocalInfrastructure infrastructure,
            String name, int port, Map<String, String> own) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.application.name", name);
        properties.put("server.port", Integer.toString(port));
        properties.put("spring.datasource.url", infrastructure.jdbcUrl());
        properties.put("spring.datasource.username", "postgres");
        properties.put("spring.datasource.password", "postgres");
        properties.put("spring.kafka.bootstrap-servers", infrastructure.bootstrapServers());
        properties.put("spring.kafka.consumer.group-id", "storage-catalog-" + name.replace("-worker", ""));
        properties.put("spring.kafka.consumer.auto-offset-reset", "earliest");
        properties.put("spring.kafka.consumer.key-deserializer",
                "org.apache.kafka.common.serialization.StringDeserializer");
        properties.put("spring.kafka.consumer.value-deserializer",
                "org.apache.kafka.common.serialization.ByteArrayDeserializer");
        properties.put("spring.kafka.producer.key-serializer", "org.apache.kafka.common.serialization.StringSerializer");
        properties.put("spring.kafka.producer.value-serializer",
                "org.apache.kafka.common.serialization.ByteArraySerializer");
        properties.put("spring.kafka.listener.type", "batch");
        properties.put("spring.batch.job.enabled", "false");
        properties.put("spring.batch.jdbc.initialize-schema", "never");
        properties.put("storage-catalog.s3.endpoint", infrastructure.s3Endpoint());
        properties.put("storage-catalog.s3.access-key", LocalInfrastructure.ACCESS_KEY);
        properties.put("storage-catalog.s3.secret-key", LocalInfrastructure.SECRET_KEY);
        properties.put("management.endpoints.web.exposure.include", "health,info,prometheus");
        properties.put("management.metrics.tags.application", name);
        properties.putAll(own);
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(application).run(args);
    }

    String bootstrapServers() {
        return infrastructure.bootstrapServers();
    }

    String s3Endpoint() {
        return infrastructure.s3Endpoint();
    }

    String jdbcUrl() {
        return infrastructure.jdbcUrl();
    }

    /** Where everything is, for a person. */
    String describe(Ports ports) {
        return String.join(System.lineSeparator(),
                "Storage Catalog is running:",
                "  Kafka bootstrap servers  " + bootstrapServers()
                        + "  (topics storage.file-events, storage.s3-notifications, storage.catalog-events)",
                "  PostgreSQL               " + jdbcUrl() + "  (user postgres, password postgres)",
                "  S3 API                   " + s3Endpoint() + "  (access key " + LocalInfrastructure.ACCESS_KEY
                        + ", secret " + LocalInfrastructure.SECRET_KEY + ", bucket " + LocalInfrastructure.BUCKET + ")",
                "  ingest worker metrics    http://localhost:" + ports.ingest() + "/actuator/prometheus",
                "  audit worker metrics     http://localhost:" + ports.audit() + "/actuator/prometheus",
                "  maintenance metrics      http://localhost:" + ports.jobs() + "/actuator/prometheus",
                "Press Ctrl-C to stop.");
    }

    @Override
    public void close() {
        for (int i = workers.size() - 1; i >= 0; i--) {
            workers.get(i).close();
        }
        infrastructure.close();
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(option(args, "data-dir", ".local/data"));
        Ports ports = Ports.DEFAULTS;
        AllInOne pipeline = start(data, ports);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            pipeline.close();
            stopped.countDown();
        }, "all-in-one-shutdown"));
        System.out.println(pipeline.describe(ports));
        if (List.of(args).contains("--seed")) {
            SampleStream.Summary summary = new SampleStream(42).publish(pipeline.bootstrapServers(),
                    pipeline.s3Endpoint(), LocalInfrastructure.ACCESS_KEY, LocalInfrastructure.SECRET_KEY,
                    LocalInfrastructure.BUCKET);
            System.out.println("Seeded: " + summary);
        }
        stopped.await();
    }

    private static String option(String[] args, String name, String defaultValue) {
        for (String arg : args) {
            if (arg.startsWith("--" + name + "=")) {
                return arg.substring(name.length() + 3);
            }
        }
        return defaultValue;
    }
}
