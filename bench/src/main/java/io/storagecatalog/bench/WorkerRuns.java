package io.storagecatalog.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;

/**
 * Several instances of a worker jar in one consumer group, started at the same time (each JVM starts
 * in a thread of its own, so that the first ready does not run long alone) and stopped together.
 */
final class WorkerRuns implements AutoCloseable {

    private final List<WorkerRun> runs;

    private WorkerRuns(List<WorkerRun> runs) {
        this.runs = runs;
    }

    static WorkerRuns start(int instances, IntFunction<WorkerRun> start) {
        List<CompletableFuture<WorkerRun>> starting = new ArrayList<>();
        for (int instance = 1; instance <= instances; instance++) {
            int number = instance;
            starting.add(CompletableFuture.supplyAsync(() -> start.apply(number)));
        }
        List<WorkerRun> runs = new ArrayList<>();
        RuntimeException failure = null;
        for (CompletableFuture<WorkerRun> run : starting) {
            try {
                runs.add(run.join());
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        if (failure != null) {
            runs.forEach(WorkerRun::close);
            throw failure;
        }
        return new WorkerRuns(List.copyOf(runs));
    }

    WorkerRun first() {
        return runs.get(0);
    }

    List<WorkerRun> all() {
        return runs;
    }

    @Override
    public void close() {
        runs.forEach(WorkerRun::close);
    }
}
