package io.storagecatalog.faults;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How big a run is: the short one in CI, the full one by {@code ./run-faults}.
 *
 * @param events          records per scenario (about 1% of them bad)
 * @param kills           kill -9 of each worker in the crash scenario
 * @param outage          how long PostgreSQL and the broker are away
 * @param stormCycles     extra instances started and stopped in the rebalance storm
 * @param slots           schedule slots (minutes) the two maintenance instances go through
 * @param eventsPerSecond publication rate
 */
record SuiteSettings(
        Path jars,
        Path report,
        int events,
        int kills,
        Duration outage,
        int stormCycles,
        int slots,
        int eventsPerSecond) {

    static SuiteSettings fromSystemProperties() {
        return new SuiteSettings(
                Path.of(property("fault.jars", "..")).toAbsolutePath().normalize(),
                Path.of(property("fault.report", "target/reliability.md")),
                Integer.parseInt(property("fault.events", "3000")),
                Integer.parseInt(property("fault.kills", "2")),
                Duration.ofSeconds(Long.parseLong(property("fault.outage-seconds", "10"))),
                Integer.parseInt(property("fault.storm-cycles", "2")),
                Integer.parseInt(property("fault.slots", "1")),
                Integer.parseInt(property("fault.rate", "1500")));
    }

    private static String property(String name, String defaultValue) {
        String value = System.getProperty(name);
        return value == null || value.isBlank() ? defaultValue : value;
    }
}
