package io.storagecatalog.faults;

import io.storagecatalog.testkit.WorkerProcess;
import java.time.Duration;
import java.util.List;

/**
 * Rebalance storm: besides the standing ingest and audit worker, extra instances of both join the
 * groups and leave again every few seconds, alternately stopped gracefully and killed.
 */
final class RebalanceStorm {

    private final int cycles;

    RebalanceStorm(int cycles) {
        this.cycles = cycles;
    }

    void inject(ScenarioRun run) {
        for (int i = 0; i < cycles; i++) {
            run.awaitIngested((i + 1.0) / (cycles + 2));
            List<WorkerProcess> extra = run.pipeline()
                    .startTogether(
                            run.pipeline().ingest(run.pipeline().ingestGroup()),
                            run.pipeline().audit(run.pipeline().auditGroup()));
            Pause.of(Duration.ofMillis(2000 + run.random().nextInt(3000)));
            if (i % 2 == 0) {
                extra.forEach(WorkerProcess::stop);
            } else {
                extra.forEach(WorkerProcess::kill);
            }
        }
        run.note(cycles + " extra ingest and audit instances joined and left (half stopped, half killed)");
    }
}
