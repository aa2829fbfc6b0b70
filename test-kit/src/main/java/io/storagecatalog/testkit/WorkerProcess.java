package io.storagecatalog.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;

/**
 * One worker as users run it: {@code java -Xmx256m -jar <module>.jar --property=value ...} in a JVM
 * of its own, with its actuator on a port of its own.
 */
public final class WorkerProcess {

    /** The heap users give a worker. */
    public static final List<String> HEAP = List.of("-Xmx256m");

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** The property that holds the monitoring login's password (user {@code monitor}). */
    public static final String MONITORING_PASSWORD = "storage-catalog.monitoring.password";

    private final String name;
    private final int port;
    private final ChildProcess process;
    private final String login;

    private WorkerProcess(String name, int port, ChildProcess process, String monitoringPassword) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.login = monitoringPassword == null
                ? null
                : "Basic "
                        + java.util.Base64.getEncoder()
                                .encodeToString(("monitor:" + monitoringPassword)
                                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Starts the jar with the properties as command-line arguments (they win over application.yml). */
    public static WorkerProcess start(String name, Path jar, Map<String, String> properties, Path log) {
        return start(name, jar, HEAP, properties, log);
    }

    /** As {@link #start(String, Path, Map, Path)}, the JVM started as {@code launch} says. */
    public static WorkerProcess start(String name, WorkerLaunch launch, Map<String, String> properties, Path log) {
        return start(name, launch.jar(), launch.jvmOptions(), properties, log);
    }

    /** As {@link #start(String, Path, Map, Path)}, with these JVM options. */
    public static WorkerProcess start(
            String name, Path jar, List<String> jvmOptions, Map<String, String> properties, Path log) {
        int port = FreePorts.next();
        List<String> command = new ArrayList<>(List.of(ChildProcess.java()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        properties.forEach((key, value) -> command.add("--" + key + "=" + value));
        command.add("--server.port=" + port);
        command.add("--spring.application.name=" + name);
        return new WorkerProcess(
                name, port, ChildProcess.start(name, command, log), properties.get(MONITORING_PASSWORD));
    }

    /** Waits until the application has started (its actuator answers), not until its health is UP. */
    public WorkerProcess awaitStarted(Duration timeout) {
        Awaitility.await(name + " started")
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    if (!process.alive()) {
                        throw new IllegalStateException(name + " exited during start-up; see its log");
                    }
                    return get("/actuator/health") != null;
                });
        return this;
    }

    /** The Prometheus scrape, or null when the worker does not answer. */
    public String metrics() {
        return get("/actuator/prometheus");
    }

    /**
     * A sample of the worker's Prometheus metric: the sum of the series of that name whose labels
     * contain {@code labelFilter} (empty: all), or NaN when the worker does not answer.
     */
    public double metric(String name, String labelFilter) {
        String scrape = metrics();
        if (scrape == null) {
            return Double.NaN;
        }
        double sum = 0;
        for (String line : scrape.split("\n")) {
            if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
                int space = line.lastIndexOf(' ');
                if (line.substring(0, space).contains(labelFilter)) {
                    sum += Double.parseDouble(line.substring(space + 1));
                }
            }
        }
        return sum;
    }

    private String get(String path) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(5));
            if (login != null) {
                request.header("Authorization", login);
            }
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() < 500 || path.endsWith("health") ? response.body() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public boolean alive() {
        return process.alive();
    }

    /** CPU time the worker's JVM has used so far. */
    public Duration cpuTime() {
        return process.cpuTime();
    }

    public void kill() {
        process.kill();
    }

    public void stop() {
        process.stop();
    }

    public String name() {
        return name;
    }
}
