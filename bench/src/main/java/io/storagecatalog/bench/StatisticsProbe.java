package io.storagecatalog.bench;

import io.storagecatalog.testkit.TestPostgres;

/**
 * The {@code statistics} job over M audit rows ({@link OperationsFixture}) and the catalog they refer
 * to ({@link CatalogFixture}): the first run, which aggregates every day on record, then the next run,
 * which recomputes only the days that are not final yet (what the hourly schedule does from then on).
 */
final class StatisticsProbe {

    static final double TARGET_SECONDS = 30;

    /** What the probe measured. */
    record Result(
            long operations,
            int files,
            BulkLoad.Timing catalogLoad,
            BulkLoad.Timing operationsLoad,
            JobProcess.Run baselineFirst,
            JobProcess.Run first,
            JobProcess.Run next,
            long statisticsRows) {}

    private final TestPostgres postgres;
    private final JobProcess jobs;
    private final JobProcess baseline;
    private final long operations;
    private final int files;

    /** @param baseline another build of the jobs, run first on the same data, or null */
    StatisticsProbe(TestPostgres postgres, JobProcess jobs, JobProcess baseline, long operations, int files) {
        this.postgres = postgres;
        this.jobs = jobs;
        this.baseline = baseline;
        this.operations = operations;
        this.files = files;
    }

    Result run() {
        ProbeDatabase db = ProbeDatabase.create(postgres);
        try {
            System.out.printf("statistics probe: loading %,d catalog rows and %,d audit rows%n", files, operations);
            BulkLoad.Timing catalog = CatalogFixture.load(db, files, 1, "catalog-", true);
            BulkLoad.Timing audit = OperationsFixture.load(db, operations, files);
            System.out.printf(
                    "statistics probe: audit rows loaded in %.1f s (+ %.1f s indexes and VACUUM ANALYZE)%n",
                    audit.insertSeconds(), audit.indexSeconds());
            JobProcess.Run baselineFirst = null;
            if (baseline != null) {
                baselineFirst = baseline.run(db, "statistics", "slot=probe-baseline");
                // The build measured starts from the state the baseline started from: no statistics, and
                // neither the baseline's dead rows (a DELETE leaves millions for autovacuum to clean up
                // during the next run, and their index entries for its inserts to check) nor its dirty
                // pages (written out by the checkpoint here, not during the next run).
                db.jdbc().execute("TRUNCATE storage_daily_statistics");
                db.jdbc().execute("CHECKPOINT");
            }
            JobProcess.Run first = jobs.run(db, "statistics", "slot=probe-first");
            JobProcess.Run next = jobs.run(db, "statistics", "slot=probe-next");
            long rows = db.jdbc().queryForObject("SELECT count(*) FROM storage_daily_statistics", Long.class);
            return new Result(operations, files, catalog, audit, baselineFirst, first, next, rows);
        } finally {
            db.close();
        }
    }
}
