package io.storagecatalog.local;

import io.storagecatalog.api.CatalogApiApplication;
import io.storagecatalog.audit.AuditWorkerApplication;
import io.storagecatalog.ingest.IngestWorkerApplication;
import io.storagecatalog.jobs.MaintenanceJobsApplication;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole pipeline in one JVM on embedded infrastructure: PostgreSQL, a Kafka broker, an S3 API
 * server, then the ingest worker, the audit worker, the maintenance scheduler and the catalog API, each
 * its own Spring application with its own port. Data lives under {@code --data-dir} (default {@code .local/data}), so
 * a second start keeps it. {@code --seed} publishes a sample stream. Ctrl-C stops everything.
 */
public final class AllInOne implements AutoCloseable {

    /** Where everything listens. */
    public record Ports(int postgres, int kafka, int s3, int ingest, int audit, int jobs, int api) {
        public static final Ports DEFAULTS = new Ports(15432, 19092, 19000, 8081, 8082, 8083, 8080);

        List<Integer> all() {
            return List.of(postgres, kafka, s3, ingest, audit, jobs, api);
        }
    }

    private final LocalInfrastructure infrastructure;
    private final List<ConfigurableApplicationContext> workers;
    private final String monitoringPassword;
    private final LocalTokenIssuer tokens;

    private AllInOne(
            LocalInfrastructure infrastructure,
            List<ConfigurableApplicationContext> workers,
            String monitoringPassword,
            LocalTokenIssuer tokens) {
        this.infrastructure = infrastructure;
        this.workers = workers;
        this.monitoringPassword = monitoringPassword;
        this.tokens = tokens;
    }

    public static AllInOne start(Path data, Ports ports) throws Exception {
        return start(data, ports, Map.of());
    }

    /** Starts it all; {@code settings} are given to every worker (after the defaults, so they win). */
    static AllInOne start(Path data, Ports ports, Map<String, String> settings) throws Exception {
        LocalInfrastructure infrastructure =
                LocalInfrastructure.start(data, ports.postgres(), ports.kafka(), ports.s3());
        String monitoring = MonitoringLogin.passwordIn(data);
        LocalTokenIssuer tokens = LocalTokenIssuer.in(data);
        Map<String, String> signing = Map.of(
                "storage-catalog.audit.signing-key", LocalSigningKey.in(data).toString());
        settings = with(Map.of("storage-catalog.monitoring.password", monitoring), settings);
        List<ConfigurableApplicationContext> workers = new ArrayList<>();
        try {
            workers.add(run(
                    IngestWorkerApplication.class,
                    infrastructure,
                    "ingest-worker",
                    ports.ingest(),
                    with(settings, Map.of("spring.kafka.listener.ack-mode", "manual"))));
            workers.add(run(
                    AuditWorkerApplication.class,
                    infrastructure,
                    "audit-worker",
                    ports.audit(),
                    with(
                            with(signing, settings),
                            Map.of(
                                    "spring.kafka.listener.ack-mode",
                                    "manual",
                                    "storage-catalog.audit.checkpoint-interval",
                                    "10s"))));
            workers.add(run(
                    MaintenanceJobsApplication.class,
                    infrastructure,
                    "maintenance-jobs",
                    ports.jobs(),
                    with(signing, settings)));
            workers.add(run(
                    CatalogApiApplication.class,
                    infrastructure,
                    "catalog-api",
                    ports.api(),
                    with(settings, apiSettings(tokens))));
        } catch (RuntimeException e) {
            workers.forEach(ConfigurableApplicationContext::close);
            infrastructure.close();
            throw e;
        }
        return new AllInOne(infrastructure, workers, monitoring, tokens);
    }

    // The API's own settings (its application.yml is not the one found first on the shared class path).
    private static Map<String, String> apiSettings(LocalTokenIssuer tokens) {
        Map<String, String> api = new LinkedHashMap<>();
        api.put("spring.threads.virtual.enabled", "true");
        api.put("spring.mvc.problemdetails.enabled", "true");
        api.put("server.max-http-request-header-size", "16KB");
        api.put("springdoc.api-docs.enabled", "true");
        api.put("springdoc.api-docs.path", "/v3/api-docs");
        api.put("springdoc.api-docs.version", "openapi_3_1");
        api.put("springdoc.paths-to-match", "/api/**");
        api.put("springdoc.writer-with-order-by-keys", "true");
        api.put("storage-catalog.api.jwt.issuer", LocalTokenIssuer.ISSUER);
        api.put("storage-catalog.api.jwt.audience", LocalTokenIssuer.AUDIENCE);
        api.put(
                "storage-catalog.api.jwt.public-key-location",
                tokens.publicKey().toUri().toString());
        return api;
    }

    /** A token for the catalog API, signed by the local issuer, valid for twelve hours. */
    String token(UUID user, boolean operator) {
        return tokens.token(user, operator, Duration.ofHours(12));
    }

    /** The password of the workers' monitoring login (user {@code monitor}). */
    String monitoringPassword() {
        return monitoringPassword;
    }

    private static Map<String, String> with(Map<String, String> settings, Map<String, String> own) {
        Map<String, String> all = new LinkedHashMap<>(own);
        all.putAll(settings);
        return all;
    }

    // The three applications share this JVM's class path, where only one application.yml is found
    // first: every setting that differs between them, or that they need, is given here explicitly.
    private static ConfigurableApplicationContext run(
            Class<?> application, LocalInfrastructure infrastructure, String name, int port, Map<String, String> own) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.application.name", name);
        properties.put("server.port", Integer.toString(port));
        properties.put("server.address", "127.0.0.1");
        properties.put("spring.main.banner-mode", "off");
        properties.put("spring.datasource.url", infrastructure.jdbcUrl());
        properties.put("spring.datasource.username", "postgres");
        properties.put("spring.datasource.password", "postgres");
        properties.put("spring.kafka.bootstrap-servers", infrastructure.bootstrapServers());
        properties.put("spring.kafka.consumer.group-id", "storage-catalog-" + name.replace("-worker", ""));
        properties.put("spring.kafka.consumer.auto-offset-reset", "earliest");
        properties.put(
                "spring.kafka.consumer.key-deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
        properties.put(
                "spring.kafka.consumer.value-deserializer",
                "org.apache.kafka.common.serialization.ByteArrayDeserializer");
        properties.put(
                "spring.kafka.producer.key-serializer", "org.apache.kafka.common.serialization.StringSerializer");
        properties.put(
                "spring.kafka.producer.value-serializer", "org.apache.kafka.common.serialization.ByteArraySerializer");
        properties.put("spring.kafka.listener.type", "batch");
        properties.put("spring.batch.job.enabled", "false");
        properties.put("spring.batch.jdbc.initialize-schema", "never");
        properties.put("storage-catalog.s3.endpoint", infrastructure.s3Endpoint());
        properties.put("storage-catalog.s3.access-key", LocalInfrastructure.ACCESS_KEY);
        properties.put("storage-catalog.s3.secret-key", LocalInfrastructure.SECRET_KEY);
        properties.put("management.endpoints.web.exposure.include", "health,info,prometheus");
        properties.put("management.endpoint.health.show-details", "when-authorized");
        properties.put("storage-catalog.monitoring.credentials-required", "true");
        properties.put("management.metrics.tags.application", name);
        // Only the catalog API serves an OpenAPI document.
        properties.put("springdoc.api-docs.enabled", "false");
        properties.putAll(own);
        String[] args = properties.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(application).run(args);
    }

    /** One of the applications: {@code ingest-worker}, {@code audit-worker}, {@code maintenance-jobs} or {@code catalog-api}. */
    ConfigurableApplicationContext worker(String name) {
        return workers.stream()
                .filter(context -> name.equals(context.getEnvironment().getProperty("spring.application.name")))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no worker " + name));
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

    /** Where everything is, and what the sample stream left in the catalog, for a person. */
    String banner(Ports ports, Path data, String seed) {
        String line = "=".repeat(100);
        List<String> lines = new ArrayList<>(List.of(
                line,
                "Storage Catalog is ready",
                "  Kafka             " + bootstrapServers() + "  topics: " + SampleStream.FILE_EVENTS
                        + " (CloudEvents), " + SampleStream.S3_NOTIFICATIONS + " (MinIO notifications), "
                        + "storage.catalog-events (what the catalog publishes)",
                "  PostgreSQL        " + jdbcUrl() + "  (user postgres, password postgres)",
                "                    psql postgresql://postgres:postgres@127.0.0.1:" + ports.postgres() + "/"
                        + LocalInfrastructure.DATABASE,
                "  S3 API            " + s3Endpoint() + "  (bucket " + LocalInfrastructure.BUCKET + ", access key "
                        + LocalInfrastructure.ACCESS_KEY + ", secret key " + LocalInfrastructure.SECRET_KEY + ")"));
        worker(lines, "ingest worker", ports.ingest());
        worker(lines, "audit worker", ports.audit());
        worker(lines, "maintenance jobs", ports.jobs());
        worker(lines, "catalog API", ports.api());
        lines.add("  catalog API       http://127.0.0.1:" + ports.api() + "/api/v1/  (OpenAPI: http://127.0.0.1:"
                + ports.api() + "/v3/api-docs; docs/api.md)");
        lines.add("  operator token    " + token(UUID.fromString(OPERATOR), true));
        lines.add("                    (12 hours; a user's: ./run-local token --user=<uuid> [--operator])");
        lines.add("  monitoring login  monitor / " + monitoringPassword + "  (metrics and health details; kept in "
                + data.resolve(MonitoringLogin.FILE).toAbsolutePath().normalize() + ")");
        lines.add("  audit public key  "
                + data.resolve(LocalSigningKey.FILE + ".pub").toAbsolutePath().normalize()
                + "  (verifies the trail's signed checkpoints: docs/audit.md)");
        lines.add("  data              " + data.toAbsolutePath().normalize() + "  (kept between runs)");
        if (seed != null) {
            lines.add(seed);
        }
        lines.add("Press Ctrl-C to stop.");
        lines.add(line);
        return String.join(System.lineSeparator(), lines);
    }

    private static void worker(List<String> lines, String name, int port) {
        String base = "http://127.0.0.1:" + port + "/actuator/";
        lines.add(String.format("  %-17s %shealth  %sprometheus", name, base, base));
    }

    /** Publishes the sample stream, waits until both workers have handled all of it, and says what is there. */
    String seed() throws Exception {
        SampleStream.Summary summary = new SampleStream(42)
                .publish(
                        bootstrapServers(),
                        s3Endpoint(),
                        LocalInfrastructure.ACCESS_KEY,
                        LocalInfrastructure.SECRET_KEY,
                        LocalInfrastructure.BUCKET);
        boolean arrived = new CaughtUp(bootstrapServers())
                .await(
                        List.of("storage-catalog-ingest", "storage-catalog-audit"),
                        List.of(SampleStream.FILE_EVENTS, SampleStream.S3_NOTIFICATIONS),
                        Duration.ofMinutes(5));
        Map<String, Long> counts = infrastructure.counts();
        return String.format(
                        "  seed              %d events and %d MinIO notifications published (%d objects put)%n"
                                + "                    %s: %,d files, %,d versions, %,d shares, %,d quotas; audit trail: %,d rows",
                        summary.cloudEvents(),
                        summary.notifications(),
                        summary.objects(),
                        arrived ? "in the catalog" : "NOT ALL HANDLED YET (see the log); so far in the catalog",
                        counts.get("storage_files"),
                        counts.get("storage_file_versions"),
                        counts.get("storage_file_shares"),
                        counts.get("storage_quotas"),
                        counts.get("storage_operations"))
                + String.format(
                        "%n  sample user       %s  token: %s", SAMPLE_USER, token(UUID.fromString(SAMPLE_USER), false));
    }

    /** A user of the sample stream who owns files and holds shares. */
    static final String SAMPLE_USER = "00000000-0000-002a-0000-000000000002";

    @Override
    public void close() {
        for (int i = workers.size() - 1; i >= 0; i--) {
            workers.get(i).close();
        }
        infrastructure.close();
    }

    /** The subject of the operator token the banner prints (an operator's own user id in a deployment). */
    static final String OPERATOR = "00000000-0000-0000-0000-00000000000f";

    public static void main(String[] args) throws Exception {
        Path data = Path.of(option(args, "data-dir", ".local/data"));
        if (args.length > 0 && args[0].equals("token")) {
            printToken(data, args);
            return;
        }
        Ports ports = Ports.DEFAULTS;
        AllInOne pipeline;
        try {
            pipeline = start(data, ports);
        } catch (Exception e) {
            System.err.println("Storage Catalog could not start: " + rootCause(e)
                    + System.lineSeparator() + "(is another run using the ports "
                    + ports.all() + " or the data directory " + data + "?)");
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            System.out.println("Stopping Storage Catalog...");
                            pipeline.close();
                            System.out.println("Storage Catalog stopped.");
                            stopped.countDown();
                        },
                        "all-in-one-shutdown"));
        String seed = List.of(args).contains("--seed") ? pipeline.seed() : null;
        System.out.println(pipeline.banner(ports, data, seed));
        stopped.await();
    }

    // ./run-local token --user=<uuid> [--operator] [--hours=N]: a token of the local issuer, for curl and clients.
    private static void printToken(Path data, String[] args) throws Exception {
        String user = option(args, "user", null);
        UUID subject;
        try {
            subject = UUID.fromString(String.valueOf(user));
        } catch (IllegalArgumentException e) {
            System.err.println("--user: must be a user id (a uuid)");
            System.exit(2);
            return;
        }
        int hours = Integer.parseInt(option(args, "hours", "12"));
        if (hours < 1 || hours > 24 * 7) {
            System.err.println("--hours: must be from 1 to 168");
            System.exit(2);
            return;
        }
        System.out.println(LocalTokenIssuer.in(data)
                .token(subject, List.of(args).contains("--operator"), Duration.ofHours(hours)));
    }

    private static String rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
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
