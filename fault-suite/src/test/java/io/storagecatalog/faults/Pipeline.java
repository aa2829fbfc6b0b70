package io.storagecatalog.faults;

import io.storagecatalog.testkit.ConsumerLag;
import io.storagecatalog.testkit.RestartablePostgres;
import io.storagecatalog.testkit.TestS3;
import io.storagecatalog.testkit.WorkerLaunch;
import io.storagecatalog.testkit.WorkerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * One scenario's pipeline: a database and topics of its own on the suite's servers, and the worker
 * processes started on them (as many instances as the scenario wants).
 */
final class Pipeline implements AutoCloseable {

    static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private static final int PARTITIONS = 6;
    private final SuiteServers servers;
    private final String name;
    private final String database;
    private final String topic;
    private final Map<String, Integer> started = new LinkedHashMap<>();
    private final List<WorkerProcess> running = new ArrayList<>();
    private final JdbcTemplate jdbc;
    private volatile boolean relaying = true;
    private static final String MONITORING_PASSWORD = "fault-suite-" + UUID.randomUUID();

    Pipeline(SuiteServers servers, String name) {
        this.servers = servers;
        this.name = name;
        this.database = servers.postgres().createDatabase();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        this.topic = "faults." + name + "." + suffix;
        servers.kafka()
                .createTopics(PARTITIONS, topic, topic + ".s3", topic + ".catalog", topic + "-dlt", topic + ".s3-dlt");
        Flyway.configure().dataSource(jdbcUrl(), user(), password()).load().migrate();
        this.jdbc = new JdbcTemplate(new DriverManagerDataSource(jdbcUrl(), user(), password()));
    }

    /** How many partitions each of the scenario's topics has. */
    int partitions() {
        return PARTITIONS;
    }

    /** Whether the workers started from now on relay the outbox's events to Kafka. */
    void relaying(boolean relaying) {
        this.relaying = relaying;
    }

    String catalogTopic() {
        return topic + ".catalog";
    }

    String topic() {
        return topic;
    }

    String deadLetterTopic() {
        return topic + "-dlt";
    }

    JdbcTemplate jdbc() {
        return jdbc;
    }

    String ingestGroup() {
        return "ingest-" + topic;
    }

    String auditGroup() {
        return "audit-" + topic;
    }

    /** An ingest worker of the scenario's group. */
    WorkerProcess startIngest() {
        return startTogether(ingest(ingestGroup())).get(0);
    }

    /** An audit worker of the scenario's group. */
    WorkerProcess startAudit() {
        return startTogether(audit(auditGroup())).get(0);
    }

    /**
     * Starts the workers side by side and waits until each has started: two JVMs starting at once
     * take less than two one after the other, even on two cores.
     */
    List<WorkerProcess> startTogether(Start... starts) {
        List<CompletableFuture<WorkerLaunch>> launches = Stream.of(starts)
                .map(start -> servers.launch(start.module(), start.properties()))
                .toList();
        List<WorkerProcess> processes = new ArrayList<>();
        for (int i = 0; i < starts.length; i++) {
            Start start = starts[i];
            int instance = started.merge(start.kind(), 1, Integer::sum);
            String worker = start.kind() + "-" + instance;
            Path log = servers.logs().resolve(name + "-" + worker + ".log");
            WorkerProcess process = WorkerProcess.start(worker, launches.get(i).join(), start.properties(), log);
            running.add(process);
            processes.add(process);
        }
        processes.forEach(process -> process.awaitStarted(START_TIMEOUT));
        return processes;
    }

    /** What to start: a kind of worker (names its instances), its module, its properties. */
    record Start(String kind, String module, Map<String, String> properties) {}

    Start ingest(String group) {
        Map<String, String> properties = common(group);
        properties.put("storage-catalog.ingest.max-backoff", "2s");
        return new Start("ingest", "ingest-worker", properties);
    }

    Start audit(String group) {
        Map<String, String> properties = common(group);
        // Signed checkpoints on a short cadence: the maintenance instances verify the trail every minute.
        properties.put("storage-catalog.audit.checkpoint-interval", "30s");
        return new Start("audit", "audit-worker", properties);
    }

    /** A maintenance-jobs instance with every job scheduled each minute (a slot a minute). */
    Start maintenance() {
        Map<String, String> properties = common("maintenance-" + topic);
        for (String job : MaintenanceSlots.JOBS) {
            properties.put("storage-catalog.jobs." + job + ".cron", "0 * * * * *");
        }
        // The stream's deletions are dated in the past: nothing may be purged while the suite compares.
        properties.put("storage-catalog.jobs.orphan-reconciliation.retention", "3650d");
        properties.put("storage-catalog.jobs.orphan-reconciliation.buckets", servers.bucket());
        return new Start("maintenance", "maintenance-jobs", properties);
    }

    private Map<String, String> common(String group) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.datasource.url", jdbcUrl());
        properties.put("spring.datasource.username", user());
        properties.put("spring.datasource.password", password());
        properties.put("spring.kafka.bootstrap-servers", servers.kafka().bootstrapServers());
        properties.put("spring.kafka.consumer.group-id", group);
        // A crashed instance's partitions move on after 10 s rather than Kafka's default 45 s.
        properties.put("spring.kafka.consumer.properties.session.timeout.ms", "10000");
        properties.put("spring.kafka.consumer.properties.heartbeat.interval.ms", "1000");
        properties.put("storage-catalog.topics.file-events", topic);
        properties.put("storage-catalog.topics.s3-notifications", topic + ".s3");
        properties.put("storage-catalog.topics.catalog-events", topic + ".catalog");
        TestS3 s3 = servers.s3();
        properties.put("storage-catalog.s3.endpoint", s3.endpoint());
        properties.put("storage-catalog.s3.access-key", s3.accessKey());
        properties.put("storage-catalog.s3.secret-key", s3.secretKey());
        properties.put("storage-catalog.outbox.relay", Boolean.toString(relaying));
        properties.put(io.storagecatalog.testkit.WorkerProcess.MONITORING_PASSWORD, MONITORING_PASSWORD);
        properties.put(
                io.storagecatalog.testkit.TestSigningKey.SETTING,
                io.storagecatalog.testkit.TestSigningKey.file().toString());
        // Each scenario's checkpoints and archives in a bucket of its own, as its database is its own.
        String bucket = ("audit-" + topic).toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        bucket = bucket.substring(0, Math.min(bucket.length(), 63)).replaceAll("-+$", "");
        properties.put("storage-catalog.audit.checkpoint-bucket", bucket);
        properties.put("storage-catalog.jobs.audit-rotation.archive-bucket", bucket);
        properties.put("logging.level.root", "WARN");
        properties.put("logging.level.io.storagecatalog", "INFO");
        return properties;
    }

    /** Records the groups have not committed yet, over the scenario's input topics. */
    long lag(String group) {
        return ConsumerLag.of(servers.kafka().bootstrapServers(), group, List.of(topic, topic + ".s3"));
    }

    String jdbcUrl() {
        return servers.postgres().jdbcUrl(database);
    }

    private String user() {
        return servers.postgres().username();
    }

    private String password() {
        return servers.postgres().password();
    }

    RestartablePostgres postgres() {
        return servers.postgres();
    }

    KafkaBroker kafka() {
        return servers.kafka();
    }

    @Override
    public void close() {
        running.stream().filter(WorkerProcess::alive).forEach(WorkerProcess::stop);
    }
}
