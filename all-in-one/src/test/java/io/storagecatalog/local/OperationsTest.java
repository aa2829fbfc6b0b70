package io.storagecatalog.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.awaitility.Awaitility.await;

import io.minio.MinioClient;
import io.minio.RemoveObjectArgs;
import io.storagecatalog.jobs.run.JobRunner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The monitoring as an operator meets it: the pipeline running with its sample stream, scraped by a real
 * Prometheus with the project's own configuration and alert rules. Every rule and every dashboard panel
 * must see real series (the usage-per-tenant panels: rows of the catalog database), the healthy pipeline
 * raises no alert, and each condition injected raises its alert while the others stay quiet.
 */
@Tag("operations")
class OperationsTest {

    private static final Duration ALERT_WAIT = Duration.ofSeconds(90);
    // The sample stream's first user has a quota small enough to exceed.
    private static final UUID SMALL_QUOTA_USER = new UUID(42, 1);

    @Test
    void everyRuleAndPanelSeesRealSeriesAndEachConditionRaisesItsAlertAlone() throws Exception {
        PrometheusServer.requireBinary();
        Path work = Files.createTempDirectory("operations");
        AllInOne.Ports ports = LoopbackPorts.allInOne();
        Map<String, String> settings = Map.of(
                "storage-catalog.jobs.scheduling",
                "false",
                "storage-catalog.jobs.status-refresh",
                "1s",
                "storage-catalog.audit.checkpoint-interval",
                "2s");
        try (AllInOne pipeline = AllInOne.start(work.resolve("data"), ports, settings)) {
            pipeline.seed();
            JdbcTemplate jdbc =
                    new JdbcTemplate(new DriverManagerDataSource(pipeline.jdbcUrl(), "postgres", "postgres"));
            Jobs jobs = new Jobs(pipeline.worker("maintenance-jobs"));
            for (String job : List.of(
                    "statistics",
                    "quota-recalculation",
                    "share-expiry",
                    "orphan-reconciliation",
                    "audit-verification",
                    "processed-events-pruning")) {
                assertThat(jobs.run(job)).as(job).isEqualTo(BatchStatus.COMPLETED);
            }

            try (PrometheusServer prometheus = PrometheusServer.start(
                    Files.createDirectories(work.resolve("prometheus")),
                    LoopbackPorts.free(),
                    Map.of(
                            "ingest-worker",
                            ports.ingest(),
                            "audit-worker",
                            ports.audit(),
                            "maintenance-jobs",
                            ports.jobs(),
                            "catalog-api",
                            ports.api()),
                    pipeline.monitoringPassword())) {
                await("prometheus ready").atMost(Duration.ofSeconds(60)).until(prometheus::ready);
                await("every worker scraped")
                        .atMost(Duration.ofSeconds(60))
                        .untilAsserted(() -> assertThat(prometheus.targetHealth())
                                .containsOnly(
                                        entry("ingest-worker", "up"),
                                        entry("audit-worker", "up"),
                                        entry("maintenance-jobs", "up"),
                                        entry("catalog-api", "up")));

                scrapeRenamesNoLabel(prometheus);
                everyRuleReadsRealSeries(prometheus);
                await("a healthy pipeline raises no alert")
                        .atMost(ALERT_WAIT)
                        .untilAsserted(
                                () -> assertThat(prometheus.activeAlerts()).containsExactly());

                Set<String> expected = new TreeSet<>();
                try (Events events = new Events(pipeline.bootstrapServers())) {
                    events.send("storage.file-events", "not an event".getBytes(StandardCharsets.UTF_8));
                    expect(prometheus, expected, "StorageCatalogDeadLetters", "StorageCatalogAuditInvalidRecords");

                    long files = jdbc.queryForObject(
                            "SELECT count(*) FROM storage_files WHERE created_by = ?", Long.class, SMALL_QUOTA_USER);
                    events.upload(SMALL_QUOTA_USER, 50_000_000);
                    await("the upload applied")
                            .atMost(Duration.ofSeconds(30))
                            .until(() -> jdbc.queryForObject(
                                            "SELECT count(*) FROM storage_files WHERE created_by = ?",
                                            Long.class,
                                            SMALL_QUOTA_USER)
                                    > files);
                    expect(prometheus, expected, "StorageCatalogQuotaExceeded");
                }

                jdbc.update(
                        "UPDATE storage_quotas SET used_storage_bytes = used_storage_bytes + 512 "
                                + "WHERE entity_type = 'user' AND entity_id = ?",
                        SMALL_QUOTA_USER.toString());
                assertThat(jobs.run("quota-recalculation")).isEqualTo(BatchStatus.COMPLETED);
                expect(prometheus, expected, "StorageCatalogQuotaDrift");

                jdbc.execute("ALTER TABLE storage_daily_statistics RENAME TO storage_daily_statistics_away");
                try {
                    assertThat(jobs.run("statistics")).isEqualTo(BatchStatus.FAILED);
                } finally {
                    jdbc.execute("ALTER TABLE storage_daily_statistics_away RENAME TO storage_daily_statistics");
                }
                expect(prometheus, expected, "StorageCatalogJobFailed");

                MinioClient.builder()
                        .endpoint(pipeline.s3Endpoint())
                        .credentials(LocalInfrastructure.ACCESS_KEY, LocalInfrastructure.SECRET_KEY)
                        .build()
                        .removeObject(RemoveObjectArgs.builder()
                                .bucket(LocalInfrastructure.BUCKET)
                                .object("scans/patient 3/chest-x-ray.dcm")
                                .build());
                assertThat(jobs.run("orphan-reconciliation")).isEqualTo(BatchStatus.COMPLETED);
                expect(prometheus, expected, "StorageCatalogFilesCorrupted");

                try (Connection attacker = DriverManager.getConnection(pipeline.jdbcUrl());
                        Statement statement = attacker.createStatement()) {
                    attacker.setAutoCommit(false);
                    statement.execute("SET LOCAL session_replication_role = replica");
                    statement.execute("UPDATE storage_operations SET bytes_transferred = 1 WHERE seq = 57");
                    attacker.commit();
                }
                assertThat(jobs.run("audit-verification")).isEqualTo(BatchStatus.FAILED);
                expect(prometheus, expected, "StorageCatalogAuditVerificationFailed");

                // Checkpoints held up (their table locked): new rows wait past twice the interval.
                try (Connection blocker = DriverManager.getConnection(pipeline.jdbcUrl());
                        Statement statement = blocker.createStatement();
                        Events events = new Events(pipeline.bootstrapServers())) {
                    blocker.setAutoCommit(false);
                    statement.execute("LOCK TABLE storage_audit_signed_checkpoints IN ACCESS EXCLUSIVE MODE");
                    events.upload(UUID.randomUUID(), 1_000);
                    expect(prometheus, expected, "StorageCatalogAuditCheckpointStale");
                    blocker.rollback();
                }

                everyPanelShowsData(prometheus, jdbc);
            }
        }
    }

    private static void scrapeRenamesNoLabel(PrometheusServer prometheus) throws Exception {
        assertThat(prometheus.query("{exported_job=~\".+\"}"))
                .as("series whose job label the scrape renamed")
                .isEmpty();
        assertThat(prometheus.query("{exported_instance=~\".+\"}")).isEmpty();
        assertThat(prometheus.query("storage_catalog_job_last_run_failed"))
                .hasSize(7)
                .allSatisfy(series -> {
                    assertThat(series.path("metric").path("job").asString()).isEqualTo("storage-catalog");
                    assertThat(series.path("metric").path("job_name").asString())
                            .isNotBlank();
                });
    }

    private static void everyRuleReadsRealSeries(PrometheusServer prometheus) throws Exception {
        Map<String, String> rules = prometheus.ruleExpressions();
        assertThat(rules).hasSize(15);
        await("every series an alert rule reads").atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (Map.Entry<String, String> rule : rules.entrySet()) {
                Set<String> selectors = MonitoringAssets.selectors(rule.getValue());
                assertThat(selectors).as(rule.getKey()).isNotEmpty();
                for (String selector : selectors) {
                    assertThat(prometheus.query(selector))
                            .as("%s reads %s", rule.getKey(), selector)
                            .isNotEmpty();
                }
            }
        });
    }

    private static void everyPanelShowsData(PrometheusServer prometheus, JdbcTemplate jdbc) throws Exception {
        for (MonitoringAssets.Panel panel : MonitoringAssets.panels()) {
            if (panel.sql()) {
                assertThat(jdbc.queryForList(MonitoringAssets.sqlOverDays(panel.query(), 30)))
                        .as(panel.title())
                        .isNotEmpty();
            } else {
                await(panel.title())
                        .atMost(Duration.ofSeconds(30))
                        .untilAsserted(() -> assertThat(prometheus.query(panel.query()))
                                .as("%s: %s", panel.title(), panel.query())
                                .anySatisfy(series -> assertThat(
                                                series.path("value").get(1).asString())
                                        .isNotEqualTo("NaN")));
            }
        }
    }

    private static void expect(PrometheusServer prometheus, Set<String> expected, String... raised) {
        expected.addAll(List.of(raised));
        await("alerts " + expected)
                .atMost(ALERT_WAIT)
                .untilAsserted(() -> assertThat(prometheus.activeAlerts()).containsExactlyElementsOf(expected));
    }

    /** Runs maintenance jobs now, in the running maintenance instance. */
    private record Jobs(ConfigurableApplicationContext context) {

        BatchStatus run(String name) {
            Job job = context.getBeansOfType(Job.class).values().stream()
                    .filter(j -> j.getName().equals(name))
                    .findFirst()
                    .orElseThrow();
            return context.getBean(JobRunner.class)
                    .run(job, "operations-" + UUID.randomUUID())
                    .getStatus();
        }
    }

    /** Publishes records as an upstream service does. */
    private static final class Events implements AutoCloseable {

        private final KafkaProducer<String, byte[]> producer;

        Events(String bootstrapServers) {
            producer = new KafkaProducer<>(
                    Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                    new StringSerializer(),
                    new ByteArraySerializer());
        }

        /** An upload announced in structured mode, keyed by its file as the contract requires. */
        void upload(UUID owner, long size) throws Exception {
            String fileId = "files/" + UUID.randomUUID() + ".bin";
            ObjectNode event = JsonMapper.builder()
                    .build()
                    .createObjectNode()
                    .put("specversion", "1.0")
                    .put("id", UUID.randomUUID().toString())
                    .put("source", "/operations-test")
                    .put("type", "storage.file.upload")
                    .put("time", Instant.now().toString());
            event.putObject("data")
                    .put("fileId", fileId)
                    .put("userId", owner.toString())
                    .put("filename", "report.pdf")
                    .put("mimeType", "application/pdf")
                    .put("size", size)
                    .put("checksum", "0".repeat(64))
                    .put("provider", "minio")
                    .put("providerPath", "storage-catalog/" + fileId)
                    .put("dataClassification", "internal");
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(
                    "storage.file-events", fileId, JsonMapper.builder().build().writeValueAsBytes(event));
            record.headers().add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
            producer.send(record).get();
        }

        /** A record as it is, whatever it holds. */
        void send(String topic, byte[] value) throws Exception {
            producer.send(new ProducerRecord<>(topic, UUID.randomUUID().toString(), value))
                    .get();
        }

        @Override
        public void close() {
            producer.close();
        }
    }
}
