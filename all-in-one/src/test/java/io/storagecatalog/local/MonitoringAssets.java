package io.storagecatalog.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The dashboard and the alert rules, as files of the repository, and the metric names they use. */
final class MonitoringAssets {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path DASHBOARD = ROOT.resolve("deploy/grafana/dashboards/storage-catalog.json");
    static final Path ALERTS = ROOT.resolve("deploy/prometheus/alerts.yml");
    private static final Pattern METRIC = Pattern.compile("\\b((?:storage_catalog|kafka_consumer)_[a-z_]+)\\b");

    private MonitoringAssets() {
    }

    static Set<String> metricNames() {
        Set<String> names = new TreeSet<>();
        for (Path file : new Path[] { DASHBOARD, ALERTS }) {
            try {
                Matcher matcher = METRIC.matcher(Files.readString(file));
                while (matcher.find()) {
                    names.add(matcher.group(1));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return names;
    }
}
