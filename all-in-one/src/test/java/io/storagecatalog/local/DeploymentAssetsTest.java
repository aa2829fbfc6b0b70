package io.storagecatalog.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What can be checked of the compose stack without a Docker engine: the file parses, has every
 * service, and references only files that exist; each image's build inputs exist; the dashboard is
 * valid JSON whose panels all query something.
 */
@Tag("unit")
class DeploymentAssetsTest {

    @Test
    @SuppressWarnings("unchecked")
    void composeFileParsesAndReferencesOnlyExistingFiles() throws Exception {
        Map<String, Object> compose =
                new Yaml().load(Files.readString(MonitoringAssets.ROOT.resolve("docker-compose.yml")));
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");

        assertThat(services)
                .containsKeys(
                        "kafka",
                        "postgres",
                        "minio",
                        "minio-setup",
                        "prometheus",
                        "grafana",
                        "ingest-worker",
                        "audit-worker",
                        "maintenance-jobs");
        for (Map.Entry<String, Map<String, Object>> service : services.entrySet()) {
            for (Object volume : (List<Object>) service.getValue().getOrDefault("volumes", List.of())) {
                String source = volume.toString().split(":")[0];
                if (source.startsWith("./")) {
                    assertThat(MonitoringAssets.ROOT.resolve(source))
                            .as("%s mounts %s", service.getKey(), source)
                            .exists();
                }
            }
            Map<String, Object> build = (Map<String, Object>) service.getValue().get("build");
            if (build != null) {
                assertThat(MonitoringAssets.ROOT.resolve(build.get("dockerfile").toString()))
                        .exists();
                String module =
                        ((Map<String, Object>) build.get("args")).get("MODULE").toString();
                assertThat(MonitoringAssets.ROOT.resolve(module).resolve("pom.xml"))
                        .as("module %s", module)
                        .exists();
            }
            Map<String, Object> environment = service.getValue().get("environment") instanceof Map<?, ?> env
                    ? (Map<String, Object>) env
                    : Map.of();
            if (build != null) {
                assertThat(environment)
                        .containsKeys(
                                "SPRING_DATASOURCE_URL",
                                "SPRING_KAFKA_BOOTSTRAP_SERVERS",
                                "STORAGE_CATALOG_S3_ENDPOINT");
            }
        }
        assertThat(services.get("minio").get("environment").toString())
                .contains("MINIO_NOTIFY_KAFKA_TOPIC_CATALOG=storage.s3-notifications");

        // No secret in the file, nothing published beyond the loopback interface, no anonymous Grafana.
        for (Map.Entry<String, Map<String, Object>> service : services.entrySet()) {
            for (Object port : (List<Object>) service.getValue().getOrDefault("ports", List.of())) {
                assertThat(port.toString())
                        .as("%s publishes %s", service.getKey(), port)
                        .startsWith("127.0.0.1:");
            }
            Object environment = service.getValue().get("environment");
            if (environment instanceof Map<?, ?> env) {
                env.forEach((name, value) -> {
                    if (name.toString().matches(".*(PASSWORD|SECRET|ROOT_USER).*")) {
                        assertThat(value.toString())
                                .as("%s %s", service.getKey(), name)
                                .startsWith("${")
                                .contains(":?");
                    }
                });
            }
        }
        assertThat(Files.readString(MonitoringAssets.ROOT.resolve("docker-compose.yml")))
                .doesNotContain("minioadmin");
        // Every image pinned: a stack that changes under its users between two pulls is not a stack.
        services.forEach((name, service) -> {
            Object image = service.get("image");
            if (image != null) {
                assertThat(image.toString())
                        .as("%s's image", name)
                        .contains(":")
                        .doesNotEndWith(":latest");
            }
        });
        assertThat(((Map<String, Object>) services.get("grafana").get("environment")).get("GF_AUTH_ANONYMOUS_ENABLED"))
                .hasToString("false");
        assertThat(Files.readString(MonitoringAssets.ROOT.resolve(".gitignore")).lines())
                .contains(".env");
        assertThat(Files.readString(MonitoringAssets.ROOT.resolve("deploy/minio/minio-setup.sh")))
                .contains("mc event add local/storage-catalog arn:minio:sqs::CATALOG:kafka")
                .doesNotContain("|| true");
    }

    @Test
    @SuppressWarnings("unchecked")
    void composeStackIsProductionShaped() throws Exception {
        Map<String, Object> compose =
                new Yaml().load(Files.readString(MonitoringAssets.ROOT.resolve("docker-compose.yml")));
        // The v1 tool (Debian's docker-compose) reads only files that name their format.
        assertThat(compose.get("version")).hasToString("3.8");
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
        services.forEach((name, service) -> {
            if (name.equals("minio-setup")) {
                assertThat(service.get("restart")).as(name).hasToString("no");
                return;
            }
            assertThat(service).as(name).containsKeys("restart", "mem_limit", "healthcheck");
            assertThat(service.get("restart")).as(name).hasToString("unless-stopped");
            Object dependencies = service.get("depends_on");
            if (dependencies != null) {
                assertThat(dependencies)
                        .as("%s waits on its dependencies' health", name)
                        .isInstanceOf(Map.class);
                ((Map<String, Map<String, Object>>) dependencies)
                        .values()
                        .forEach(condition -> assertThat(
                                        condition.get("condition").toString())
                                .isIn("service_healthy", "service_completed_successfully"));
            }
        });
        for (String worker : List.of("ingest-worker", "audit-worker", "maintenance-jobs", "catalog-api")) {
            assertThat((Map<String, Object>) services.get(worker).get("depends_on"))
                    .as(worker)
                    .containsKeys("kafka", "postgres", "minio-setup");
        }
        // MinIO keeps its notifications on disk while Kafka is away; Kafka has a listener for the
        // upstream services outside the compose network.
        assertThat(services.get("minio").get("environment").toString())
                .contains("MINIO_NOTIFY_KAFKA_QUEUE_DIR_CATALOG=/queue");
        Map<String, Object> kafka = (Map<String, Object>) services.get("kafka").get("environment");
        assertThat(kafka.get("KAFKA_ADVERTISED_LISTENERS").toString()).contains("EXTERNAL://");
        assertThat((List<Object>) services.get("kafka").get("ports")).contains("127.0.0.1:29092:29092");
    }

    @Test
    void dashboardIsValidAndEveryPanelQueries() throws Exception {
        JsonNode dashboard = JsonMapper.builder().build().readTree(Files.readString(MonitoringAssets.DASHBOARD));

        assertThat(dashboard.get("uid").asString()).isEqualTo("storage-catalog");
        assertThat(dashboard.get("panels").size()).isGreaterThanOrEqualTo(10);
        assertThat(MonitoringAssets.panels())
                .hasSizeGreaterThanOrEqualTo(dashboard.get("panels").size())
                .allSatisfy(panel -> assertThat(panel.query()).as(panel.title()).isNotBlank())
                .anySatisfy(panel -> assertThat(panel.sql()).isTrue());
        // The usage-per-tenant panels read the catalog database's daily statistics, one per kind of tenant.
        assertThat(MonitoringAssets.panels().stream()
                        .filter(MonitoringAssets.Panel::sql)
                        .map(MonitoringAssets.Panel::query))
                .allSatisfy(sql -> assertThat(sql).contains("FROM storage_daily_statistics"))
                .anySatisfy(sql -> assertThat(sql).contains("scope_type = 'user'"))
                .anySatisfy(sql -> assertThat(sql).contains("scope_type = 'organization'"))
                .anySatisfy(sql -> assertThat(sql).contains("scope_type = 'project'"));
        assertThat(MonitoringAssets.metricNames())
                .contains(
                        "storage_catalog_ingest_events_total",
                        "kafka_consumer_fetch_manager_records_lag_max",
                        "storage_catalog_ingest_dead_letters_total",
                        "storage_catalog_ingest_apply_latency_seconds_bucket",
                        "storage_catalog_audit_append_latency_seconds_bucket",
                        "storage_catalog_quota_utilization_ratio_bucket",
                        "storage_catalog_job_last_success_timestamp_seconds",
                        "storage_catalog_audit_chain_intact",
                        "storage_catalog_consumer_lag_seconds",
                        "storage_catalog_consumer_retrying_seconds",
                        "storage_catalog_audit_invalid_records_total",
                        "storage_catalog_job_last_run_failed",
                        "storage_catalog_files_marked_corrupted_total");
        assertThat(Files.exists(Path.of("..", "deploy", "prometheus", "alerts-test.yml")))
                .isTrue();
    }
}
