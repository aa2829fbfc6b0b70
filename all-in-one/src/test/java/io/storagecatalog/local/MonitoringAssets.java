package io.storagecatalog.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The dashboard, the alert rules and the scrape configuration, as files of the repository. */
final class MonitoringAssets {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path DASHBOARD = ROOT.resolve("deploy/grafana/dashboards/storage-catalog.json");
    static final Path ALERTS = ROOT.resolve("deploy/prometheus/alerts.yml");
    static final Path PROMETHEUS = ROOT.resolve("deploy/prometheus/prometheus.yml");
    static final String CATALOG_DATABASE = "storage-catalog-db";
    private static final Pattern METRIC = Pattern.compile("\\b((?:storage_catalog|kafka_consumer)_[a-z_]+)\\b");
    // A vector selector of the project's metrics (or the scrape's own up), with its label matchers.
    private static final Pattern SELECTOR =
            Pattern.compile("\\b((?:storage_catalog|kafka_consumer)_[a-z_]+|up)\\b(\\{[^}]*\\})?(?!\\s*\\()");

    private MonitoringAssets() {}

    /** A dashboard panel's query: PromQL for the Prometheus panels, SQL for the catalog database's. */
    record Panel(String title, String datasource, String query) {

        boolean sql() {
            return datasource.equals(CATALOG_DATABASE);
        }
    }

    static Set<String> metricNames() {
        Set<String> names = new TreeSet<>();
        for (Path file : new Path[] {DASHBOARD, ALERTS}) {
            Matcher matcher = METRIC.matcher(read(file));
            while (matcher.find()) {
                names.add(matcher.group(1));
            }
        }
        return names;
    }

    static List<Panel> panels() {
        JsonNode dashboard = JsonMapper.builder().build().readTree(read(DASHBOARD));
        List<Panel> panels = new ArrayList<>();
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.get("targets")) {
                String datasource = target.path("datasource").path("uid").asString();
                String query = target.has("rawSql")
                        ? target.get("rawSql").asString()
                        : target.path("expr").asString();
                panels.add(new Panel(panel.get("title").asString(), datasource, query));
            }
        }
        return panels;
    }

    /** The vector selectors of a PromQL expression: every series it reads. */
    static Set<String> selectors(String promql) {
        Set<String> selectors = new TreeSet<>();
        Matcher matcher = SELECTOR.matcher(promql);
        while (matcher.find()) {
            selectors.add(matcher.group(1) + (matcher.group(2) == null ? "" : matcher.group(2)));
        }
        return selectors;
    }

    /** A panel's SQL as Grafana runs it over the last {@code days} days (its time-range macro expanded). */
    static String sqlOverDays(String sql, int days) {
        return sql.replaceAll(
                "\\$__timeFilter\\((\\w+)\\)", "$1 BETWEEN now() - interval '" + days + " days' AND now()");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
