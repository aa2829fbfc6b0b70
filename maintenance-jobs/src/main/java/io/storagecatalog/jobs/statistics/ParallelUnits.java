package io.storagecatalog.jobs.statistics;

import io.storagecatalog.jobs.run.Awaited;
import io.storagecatalog.jobs.run.JobFaults;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Recomputes several units of days at once, each on threads and connections of its own and in a
 * transaction of its own: one unit's read keeps one core of PostgreSQL busy, so that units side by side
 * use the others. Returns when every unit has ended; the first failure is thrown after that, so that no
 * unit is still writing when the step decides where a restart begins.
 */
final class ParallelUnits implements AutoCloseable {

    /** Days {@code from} to {@code to} (exclusive). */
    record Unit(LocalDate from, LocalDate to) {}

    private final DailyStatisticsRepository statistics;
    private final JobFaults faults;
    private final TransactionTemplate transactions;
    private final ExecutorService executor;

    ParallelUnits(
            DailyStatisticsRepository statistics,
            JobFaults faults,
            PlatformTransactionManager transactionManager,
            int units) {
        this.statistics = statistics;
        this.faults = faults;
        this.transactions = new TransactionTemplate(transactionManager);
        this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(units, task -> {
            Thread thread = new Thread(task, "statistics-unit-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Recomputes the units; returns the statistics rows written. */
    long recompute(List<Unit> units, LocalDate finalBefore, Instant now, String readMemory) {
        List<Future<Integer>> running = new ArrayList<>(units.size());
        for (Unit unit : units) {
            running.add(executor.submit(() -> transactions.execute(status -> {
                int written = statistics.recompute(unit.from(), unit.to(), finalBefore, now, readMemory);
                faults.beforeCommit(StatisticsJobConfig.JOB_NAME, unit.from().toString());
                return written;
            })));
        }
        return Awaited.all(running, "statistics of " + units).stream()
                .mapToLong(Integer::longValue)
                .sum();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
