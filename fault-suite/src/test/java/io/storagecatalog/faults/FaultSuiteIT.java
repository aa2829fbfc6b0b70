package io.storagecatalog.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The fault suite: the worker jars in JVMs of their own, on a real PostgreSQL, Kafka broker and S3
 * API server, each scenario a stream of mixed events (about 1% bad records, several owners, 6
 * partitions) under one kind of fault, then the invariants of DESIGN.md checked: one audit row per
 * event, the catalog equal to the reference model, quotas equal to a recalculation, the audit chain
 * intact, exactly the bad records dead-lettered, each with its reason. Sizes come from system
 * properties (see {@link SuiteSettings}): short in CI, full with {@code ./run-faults}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultSuiteIT {

    private static SuiteSettings settings;
    private static SuiteServers servers;
    private static final List<ScenarioReport> reports = new ArrayList<>();

    @BeforeAll
    static void startServers() throws Exception {
        settings = SuiteSettings.fromSystemProperties();
        servers = new SuiteServers(settings.jars(), Files.createTempDirectory("fault-suite"));
    }

    @AfterAll
    static void report() throws Exception {
        try {
            new ReliabilityReport(settings, reports).write();
        } finally {
            if (servers != null) {
                servers.close();
            }
        }
    }

    @Test
    @Order(1)
    void badInputThenReplayByNewGroups() {
        try (ScenarioRun run = new ScenarioRun(servers, "bad-input", settings, 41)) {
            run.awaitCompletion();
            Outcome outcome = run.check("bad input (1% fuzzed records), no other fault");
            record(run, outcome);
            assertClean(outcome);
            Map<String, String> before = CatalogSnapshot.of(run.pipeline().jdbc());

            long start = System.nanoTime();
            String ingestGroup = "replay-ingest-" + run.pipeline().topic();
            String auditGroup = "replay-audit-" + run.pipeline().topic();
            run.pipeline()
                    .startTogether(
                            run.pipeline().ingest(ingestGroup), run.pipeline().audit(auditGroup));
            org.awaitility.Awaitility.await("replay consumed")
                    .atMost(Duration.ofMinutes(20))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> run.pipeline().lag(ingestGroup) == 0
                            && run.pipeline().lag(auditGroup) == 0);
            run.note(String.format(
                    "replayed from offset 0 by new ingest and audit groups in %.1f s",
                    (System.nanoTime() - start) / 1e9));
            Map<String, String> after = CatalogSnapshot.of(run.pipeline().jdbc());
            List<String> changed = CatalogSnapshot.differences(before, after);
            changed.forEach(run::note);
            if (changed.isEmpty()) {
                run.note("every catalog and audit table row for row as before the replay");
            }
            // The replaying ingest group dead-letters the bad records once more: a second copy of each.
            Outcome replay = run.check("whole topic replayed from offset 0 by new consumer groups", 2);
            reports.add(
                    new ScenarioReport(replay.withDrift(replay.drift() + changed.size()), List.copyOf(run.notes())));
            assertThat(changed).as("tables changed by the replay").isEmpty();
            assertClean(replay);
        }
    }

    @Test
    @Order(2)
    void workersKilledAtRandomMomentsWithTwoMaintenanceInstances() {
        // No process relays the catalog's events while the stream runs: every kill -9 lands between the commit
        // of notices and their publication. A relaying worker started afterwards must publish every one.
        try (ScenarioRun run = new ScenarioRun(servers, "kill", settings, 42, false)) {
            MaintenanceSlots maintenance = new MaintenanceSlots(run.pipeline());
            new KillScenario(settings.kills()).inject(run);
            run.awaitCompletion();
            maintenance.awaitSlots(settings.slots());
            List<String> undelivered = new OutboxCheck(run.pipeline()).relayedAfterKills(run);
            Outcome outcome = run.check("kill -9 of ingest and audit workers at random moments (" + settings.kills()
                    + " each), two maintenance instances");
            List<String> slots = maintenance.check();
            run.note(slots.get(0));
            reports.add(new ScenarioReport(outcome, List.copyOf(run.notes()), maintenance.problems()));
            assertClean(outcome);
            assertThat(maintenance.problems()).as("each job once per slot").isEmpty();
            assertThat(undelivered)
                    .as("catalog events committed before a kill, never published")
                    .isEmpty();
        }
    }

    @Test
    @Order(3)
    void postgresStoppedMidStream() {
        try (ScenarioRun run = new ScenarioRun(servers, "postgres", settings, 43)) {
            new OutageScenario(OutageScenario.Server.POSTGRES, settings.outage()).inject(run);
            run.awaitCompletion();
            Outcome outcome =
                    run.check("PostgreSQL stopped for " + settings.outage().toSeconds() + " s mid-stream");
            record(run, outcome);
            assertClean(outcome);
        }
    }

    @Test
    @Order(4)
    void brokerRestartedMidStream() {
        try (ScenarioRun run = new ScenarioRun(servers, "broker", settings, 44)) {
            new OutageScenario(OutageScenario.Server.KAFKA, settings.outage()).inject(run);
            run.awaitCompletion();
            Outcome outcome = run.check(
                    "Kafka broker stopped for " + settings.outage().toSeconds() + " s mid-stream, then restarted");
            record(run, outcome);
            assertClean(outcome);
        }
    }

    @Test
    @Order(5)
    void rebalanceStorm() {
        try (ScenarioRun run = new ScenarioRun(servers, "storm", settings, 45)) {
            new RebalanceStorm(settings.stormCycles()).inject(run);
            run.awaitCompletion();
            Outcome outcome = run.check("rebalance storm: " + settings.stormCycles()
                    + " extra ingest and audit instances started and stopped (or killed)");
            record(run, outcome);
            assertClean(outcome);
        }
    }

    private static void record(ScenarioRun run, Outcome outcome) {
        reports.add(new ScenarioReport(outcome, List.copyOf(run.notes())));
    }

    private static void assertClean(Outcome outcome) {
        assertThat(outcome.problems()).as(outcome.scenario()).isEmpty();
        assertThat(outcome.clean()).as(outcome.scenario() + ": " + outcome).isTrue();
    }
}
