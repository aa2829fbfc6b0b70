package io.storagecatalog.faults;

import java.time.Duration;

/**
 * A server away mid-stream, then back: PostgreSQL stopped (connections refused) or the Kafka broker
 * stopped. Nobody restarts the workers; the scenario measures how long each takes to commit again.
 */
final class OutageScenario {

    enum Server {
        POSTGRES,
        KAFKA
    }

    private final Server server;
    private final Duration outage;

    OutageScenario(Server server, Duration outage) {
        this.server = server;
        this.outage = outage;
    }

    void inject(ScenarioRun run) {
        run.awaitIngested(0.3);
        long ingested = run.ingested();
        long audited = run.audited();
        if (server == Server.POSTGRES) {
            run.pipeline().postgres().stop();
            Pause.of(outage);
            run.pipeline().postgres().restart();
        } else {
            run.pipeline().kafka().stop();
            Pause.of(outage);
            run.pipeline().kafka().restart();
        }
        int valid = run.stream().validEvents().size();
        run.note(resumed("ingest", ingested, valid, run::ingested));
        run.note(resumed("audit", audited, valid, run::audited));
        if (!run.ingest.get(0).alive() || !run.audit.get(0).alive()) {
            throw new AssertionError("a worker died during the " + server + " outage");
        }
    }

    private String resumed(String worker, long before, int total, java.util.function.LongSupplier committed) {
        if (before >= total) {
            return worker + " worker had committed everything before the outage";
        }
        Duration resume = ResumeClock.until(committed, before);
        return String.format(
                "%s worker committed again %.1f s after the server was back (no restart by hand)",
                worker, resume.toMillis() / 1000.0);
    }
}
