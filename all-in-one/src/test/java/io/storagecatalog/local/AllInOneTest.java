package io.storagecatalog.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** One command runs it all, the sample stream fills every table, and a second start keeps the data. */
class AllInOneTest {

    @Test
    void runsThePipelineSeedsItAndKeepsTheDataAcrossRestarts() throws Exception {
        Path data = Files.createTempDirectory("all-in-one");
        AllInOne.Ports ports = LoopbackPorts.allInOne();
        long files;
        String password;
        try (AllInOne pipeline = AllInOne.start(data, ports)) {
            assertThat(pipeline.banner(ports, data, null))
                    .contains(
                            pipeline.bootstrapServers(),
                            pipeline.jdbcUrl(),
                            pipeline.s3Endpoint(),
                            ports.ingest() + "/actuator/health",
                            ports.audit() + "/actuator/prometheus",
                            ports.jobs() + "/actuator/health");
            SampleStream.Summary summary = new SampleStream(7)
                    .publish(
                            pipeline.bootstrapServers(),
                            pipeline.s3Endpoint(),
                            LocalInfrastructure.ACCESS_KEY,
                            LocalInfrastructure.SECRET_KEY,
                            LocalInfrastructure.BUCKET);
            JdbcTemplate jdbc = jdbc(pipeline);
            int expectedRows = summary.cloudEvents() + summary.notifications();
            await().atMost(Duration.ofMinutes(2)).until(() -> count(jdbc, "storage_operations") >= expectedRows);
            // Every event applied by the ingest worker (failed and pending ones are recorded as handled too).
            await().atMost(Duration.ofMinutes(2)).until(() -> count(jdbc, "storage_processed_events") == expectedRows);
            assertThat(count(jdbc, "storage_files")).isGreaterThan(280);
            assertThat(count(jdbc, "storage_file_versions")).isGreaterThan(count(jdbc, "storage_files"));
            assertThat(count(jdbc, "storage_file_shares")).isPositive();
            assertThat(count(jdbc, "storage_quotas")).isPositive();
            assertThat(jdbc.queryForObject(
                            "SELECT count(*) FROM storage_operations WHERE status = 'failed'", Long.class))
                    .isPositive();
            files = count(jdbc, "storage_files");

            password = pipeline.monitoringPassword();
            String exposed =
                    scrape(ports.ingest(), password) + scrape(ports.audit(), password) + scrape(ports.jobs(), password);
            assertThat(MonitoringAssets.metricNames())
                    .isNotEmpty()
                    .allSatisfy(name -> assertThat(exposed)
                            .as("metric %s used by the dashboard or the alert rules", name)
                            .contains("\n" + name));
        }
        try (AllInOne again = AllInOne.start(data, ports)) {
            assertThat(count(jdbc(again), "storage_files")).isEqualTo(files);
            // The monitoring login is kept with the data: a scrape configured once keeps working.
            assertThat(again.monitoringPassword()).isEqualTo(password);
        }
    }

    private static String scrape(int port, String password) throws Exception {
        var client = java.net.http.HttpClient.newHttpClient();
        var uri = java.net.URI.create("http://127.0.0.1:" + port + "/actuator/prometheus");
        assertThat(client.send(
                                java.net.http.HttpRequest.newBuilder(uri).build(),
                                java.net.http.HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .as("without the login")
                .isEqualTo(401);
        var response = client.send(
                java.net.http.HttpRequest.newBuilder(uri)
                        .header(
                                "Authorization",
                                "Basic "
                                        + java.util.Base64.getEncoder()
                                                .encodeToString(("monitor:" + password)
                                                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return "\n" + response.body();
    }

    private static JdbcTemplate jdbc(AllInOne pipeline) {
        return new JdbcTemplate(new DriverManagerDataSource(pipeline.jdbcUrl(), "postgres", "postgres"));
    }

    private static long count(JdbcTemplate jdbc, String table) {
        return jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class);
    }
}
