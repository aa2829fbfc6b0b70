package io.storagecatalog.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real Prometheus server (the {@code prometheus} binary: Debian's package, or {@code -Dprometheus.binary})
 * in a process of its own, loaded with the project's own {@code deploy/prometheus/prometheus.yml} and
 * alert rules. Only what cannot be the same here is changed: the login's password file, the targets' addresses (loopback ports
 * instead of the compose stack's host names), the rules file's path and, to keep the test short, the
 * scrape and evaluation intervals.
 */
final class PrometheusServer implements AutoCloseable {

    private final Process process;
    private final URI base;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = JsonMapper.builder().build();

    private PrometheusServer(Process process, URI base) {
        this.process = process;
        this.base = base;
    }

    /** Starts Prometheus scraping the workers at the given ports, keyed by the compose stack's host names. */
    static PrometheusServer start(Path directory, int port, Map<String, Integer> workerPorts, String monitoringPassword)
            throws IOException {
        Path password = directory.resolve("monitoring-password");
        Files.writeString(password, monitoringPassword);
        Path config = directory.resolve("prometheus.yml");
        Files.writeString(config, localConfig(workerPorts, password));
        String binary = System.getProperty("prometheus.binary", "prometheus");
        Process process = new ProcessBuilder(
                        binary,
                        "--config.file=" + config,
                        "--storage.tsdb.path=" + directory.resolve("data"),
                        "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("prometheus.log").toFile())
                .start();
        return new PrometheusServer(process, URI.create("http://127.0.0.1:" + port));
    }

    @SuppressWarnings("unchecked")
    static String localConfig(Map<String, Integer> workerPorts, Path passwordFile) throws IOException {
        Yaml yaml = new Yaml();
        Map<String, Object> config = yaml.load(Files.readString(MonitoringAssets.PROMETHEUS));
        Map<String, Object> global = (Map<String, Object>) config.get("global");
        global.put("scrape_interval", "1s");
        global.put("evaluation_interval", "1s");
        config.put("rule_files", List.of(MonitoringAssets.ALERTS.toString()));
        for (Map<String, Object> job : (List<Map<String, Object>>) config.get("scrape_configs")) {
            // The project's scrape logs in with the password file of the compose secret: here, a file of this run.
            Map<String, Object> login = (Map<String, Object>) job.get("basic_auth");
            assertThat(login).as("the scrape's login").isNotNull();
            login.put("password_file", passwordFile.toAbsolutePath().toString());
            for (Map<String, Object> targets : (List<Map<String, Object>>) job.get("static_configs")) {
                List<String> local = new ArrayList<>();
                for (String target : (List<String>) targets.get("targets")) {
                    String host = target.substring(0, target.indexOf(':'));
                    Integer port = workerPorts.get(host);
                    assertThat(port).as("a port for target %s", target).isNotNull();
                    local.add("127.0.0.1:" + port);
                }
                targets.put("targets", local);
            }
        }
        return yaml.dump(config);
    }

    boolean ready() {
        try {
            return get("/-/ready").statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    /** The scrape targets' health, by their {@code worker} label. */
    Map<String, String> targetHealth() throws IOException {
        Map<String, String> health = new LinkedHashMap<>();
        for (JsonNode target : api("/api/v1/targets").path("activeTargets")) {
            health.put(
                    target.path("labels").path("worker").asString(),
                    target.path("health").asString());
        }
        return health;
    }

    /** An instant query's result vector. */
    List<JsonNode> query(String promql) throws IOException {
        JsonNode data = api("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        List<JsonNode> result = new ArrayList<>();
        data.path("result").forEach(result::add);
        return result;
    }

    /** The names of the alerts that are pending or firing. */
    Set<String> activeAlerts() throws IOException {
        Set<String> names = new TreeSet<>();
        for (JsonNode alert : api("/api/v1/alerts").path("alerts")) {
            names.add(alert.path("labels").path("alertname").asString());
        }
        return names;
    }

    /** The alert rules Prometheus loaded, by name, with their expressions. */
    Map<String, String> ruleExpressions() throws IOException {
        Map<String, String> rules = new LinkedHashMap<>();
        for (JsonNode group : api("/api/v1/rules?type=alert").path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                rules.put(rule.path("name").asString(), rule.path("query").asString());
            }
        }
        return rules;
    }

    private JsonNode api(String path) throws IOException {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode())
                .as("GET %s: %s", path, response.body())
                .isEqualTo(200);
        JsonNode body = json.readTree(response.body());
        assertThat(body.path("status").asString())
                .as("GET %s: %s", path, response.body())
                .isEqualTo("success");
        return body.path("data");
    }

    private HttpResponse<String> get(String path) throws IOException {
        try {
            return http.send(
                    HttpRequest.newBuilder(base.resolve(path))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(Duration.ofSeconds(20).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    static void requireBinary() {
        String binary = System.getProperty("prometheus.binary", "prometheus");
        try {
            Process version = new ProcessBuilder(binary, "--version")
                    .redirectErrorStream(true)
                    .start();
            version.getInputStream().readAllBytes();
            assertThat(version.waitFor()).as("%s --version", binary).isZero();
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "the operations test needs a Prometheus server binary: install Debian's "
                            + "prometheus package or pass -Dprometheus.binary=PATH",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
