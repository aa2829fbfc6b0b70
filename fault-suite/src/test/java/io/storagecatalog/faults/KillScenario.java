package io.storagecatalog.faults;

import io.storagecatalog.testkit.WorkerProcess;
import java.util.List;

/**
 * {@code kill -9} of the ingest worker and of one of two audit workers at random moments of the stream,
 * each restarted.
 */
final class KillScenario {

    private final int kills;

    KillScenario(int kills) {
        this.kills = kills;
    }

    void inject(ScenarioRun run) {
        // Two audit workers append side by side, each to the chains of its partitions; the kills alternate
        // between them (the oldest goes), so partitions move between writers mid-append.
        run.audit.add(run.pipeline().startAudit());
        for (int i = 0; i < kills; i++) {
            // Random points spread over the stream, so kills land early, late and in between.
            double at = (i + run.random().nextDouble()) / (kills + 1);
            run.awaitIngested(at);
            restart(run.ingest, run.pipeline()::startIngest);
            run.awaitAudited(at);
            restart(run.audit, run.pipeline()::startAudit);
        }
        run.note(kills + " kill -9 of the ingest worker and " + kills
                + " of the two audit workers (in turn), each restarted at once");
    }

    private static void restart(List<WorkerProcess> workers, java.util.function.Supplier<WorkerProcess> start) {
        WorkerProcess killed = workers.remove(0);
        killed.kill();
        workers.add(start.get());
    }
}
