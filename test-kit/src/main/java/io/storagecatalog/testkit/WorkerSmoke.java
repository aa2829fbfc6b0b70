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

    private WorkerSmoke() {
    }

    /** Flyway applied every migration to the worker's database. */
    public static void assertMigrated(JdbcTemplate jdbc) {
        Integer failed = jdbc.queryForObject("SELECT count(*) FROM flyway_schema_history WHERE NOT success",
                Integer.class);
        Integer applied = jdbc.queryForObject("SELECT count(*) FROM flyway_schema_history WHERE success "
                + "AND version IS NOT NULL", Integer.class);
        assertThat(failed).isZero();
        assertThat(applied).isGreaterThanOrEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT to_regclass('storage_files') IS NOT NULL", Boolean.class)).isTrue();
    }

    /** The worker reached the broker. */
    public static void assertConnectedToKafka(KafkaAdmin admin) {
        assertThat(admin.clusterId()).isNotBlank();
    }

    /** Actuator answers on the worker's port: health UP, Prometheus metrics exposed. */
    public static void assertActuator(int port) {
        assertThat(get(port, "/actuator/health")).contains("\"status\":\"UP\"");
        assertThat(get(port, "/actuator/prometheus")).contains("jvm_memory_used_bytes");
    }

    public static String get(int port, String path) {
        try {
            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("GET " + path).isEqualTo(200);
            return response.body();
        } catch (IOException e) {
            throw new AssertionError("GET " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
