package io.storagecatalog.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaAdmin;

/** What every worker's smoke test checks once its context has started against the test servers. */
public final class WorkerSmoke {

    private WorkerSmoke() {}

    /** Flyway applied every migration to the worker's database. */
    public static void assertMigrated(JdbcTemplate jdbc) {
        Integer failed =
                jdbc.queryForObject("SELECT count(*) FROM flyway_schema_history WHERE NOT success", Integer.class);
        Integer applied = jdbc.queryForObject(
                "SELECT count(*) FROM flyway_schema_history WHERE success " + "AND version IS NOT NULL", Integer.class);
        assertThat(failed).isZero();
        assertThat(applied).isGreaterThanOrEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT to_regclass('storage_files') IS NOT NULL", Boolean.class))
                .isTrue();
    }

    /** The worker reached the broker. */
    public static void assertConnectedToKafka(KafkaAdmin admin) {
        assertThat(admin.clusterId()).isNotBlank();
    }

    /**
     * Actuator answers on the worker's port: health UP to anyone, without details; metrics and details only
     * to the monitoring login.
     */
    public static void assertActuator(int port) {
        assertThat(get(port, "/actuator/health", null))
                .contains("\"status\":\"UP\"")
                .doesNotContain("\"db\"");
        assertThat(get(port, "/actuator/health/liveness", null)).contains("\"status\":\"UP\"");
        assertThat(status(port, "/actuator/prometheus", null)).isEqualTo(401);
        assertThat(status(port, "/actuator/prometheus", "monitor:wrong")).isEqualTo(401);
        assertThat(get(port, "/actuator/prometheus", MONITORING)).contains("jvm_memory_used_bytes");
        assertThat(get(port, "/actuator/health", MONITORING)).contains("\"db\"");
    }

    private static final String MONITORING = "monitor:" + TestInfrastructureInitializer.MONITORING_PASSWORD;

    public static String get(int port, String path) {
        return get(port, path, MONITORING);
    }

    private static int status(int port, String path, String login) {
        return send(port, path, login).statusCode();
    }

    private static String get(int port, String path, String login) {
        HttpResponse<String> response = send(port, path, login);
        assertThat(response.statusCode()).as("GET " + path).isEqualTo(200);
        return response.body();
    }

    private static HttpResponse<String> send(int port, String path, String login) {
        try {
            HttpClient client = HttpClient.newHttpClient();
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .GET();
            if (login != null) {
                request.header(
                        "Authorization",
                        "Basic "
                                + java.util.Base64.getEncoder()
                                        .encodeToString(login.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            }
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("GET " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
