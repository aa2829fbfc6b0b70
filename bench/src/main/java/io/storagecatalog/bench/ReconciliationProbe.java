package io.storagecatalog.bench;

import java.util.ArrayList;
import java.util.List;

import io.storagecatalog.common.s3.ObjectStore;
import io.storagecatalog.testkit.TestPostgres;
import io.storagecatalog.testkit.TestS3;

/**
 * The {@code orphan-reconciliation} job over N catalog rows against N objects: every catalogued path
 * has its (empty) object except one row in a thousand (those of active files must come out
 * {@code corrupted}), and one object in a thousand has no row (an orphan to record); the soft-deleted
 * files past retention are purged by the job's first step.
 *
 * <p>The objects are spread over buckets of {@code objects-per-bucket} (10,000) each: S3Proxy's
 * in-memory store answers every listing page by copying and sorting the whole bucket (jclouds'
 * {@code LocalBlobStore.list}), so a page of a bucket of a million costs seconds, where a real S3 API
 * server answers a page in about the same time whatever the bucket's size. The probe reports the
 * cost of one page, so that the server's share of the job's time can be told.
 */
final class ReconciliationProbe {

    static final double TARGET_SECONDS = 60;
    private static final int PAGE_ROWS = 50_000;
    private static final int ONE_IN = 1_000;

    // The catalog's paths in pages (keyset on file_id), with whether the file is active.
    private static final String PATHS = """
            SELECT file_id, provider_path, status FROM storage_files WHERE file_id > ? ORDER BY file_id LIMIT ?
            """;
    private static final String PURGEABLE = """
            SELECT count(*) FROM storage_files WHERE status = 'deleted' AND deleted_at < now() - interval '30 days'
            """;

    /** What the probe measured, and what the job found against what was prepared. */
    record Result(int rows, long objects, int buckets, BulkLoad.Timing load, double fillSeconds, double pageMs,
            JobProcess.Run run, List<Finding> findings) {

        /** Whether each finding (orphans, corrupted, purged) is as prepared. */
        boolean asPrepared() {
            return findings.stream().allMatch(f -> f.prepared() == f.found());
        }
    }

    /** How many of a kind of anomaly were prepared, and how many the job found. */
    record Finding(String what, long prepared, long found) {
    }

    private final TestPostgres postgres;
    private final TestS3 s3;
    private final JobProcess jobs;
    private final int rows;
    private final int objectsPerBucket;
    // Buckets of their own: an external S3 server (see TestInfrastructure) keeps those of earlier runs.
    private final String bucketPrefix = "probe-" + java.util.UUID.randomUUID().toString().substring(0, 8) + "-";

    ReconciliationProbe(TestPostgres postgres, TestS3 s3, JobProcess jobs, int rows, int objectsPerBucket) {
        this.postgres = postgres;
        this.s3 = s3;
        this.jobs = jobs;
        this.rows = rows;
        this.objectsPerBucket = objectsPerBucket;
    }

    Result run() {
        ProbeDatabase db = ProbeDatabase.create(postgres);
        ObjectStore store = new ObjectStore(s3.client());
        try (BucketFill fill = new BucketFill(s3.client())) {
            int buckets = Math.max(1, (rows + objectsPerBucket - 1) / objectsPerBucket);
            System.out.printf("reconciliation probe: loading %,d catalog rows over %d buckets%n", rows, buckets);
            BulkLoad.Timing load = CatalogFixture.load(db, rows, buckets, bucketPrefix, false);
            for (int b = 0; b < buckets; b++) {
                store.ensureBucket(bucket(b));
            }

            long start = System.nanoTime();
            long missingActive = 0;
            long index = 0;
            String after = "";
            List<String[]> page;
            do {
                page = db.jdbc().query(PATHS, (rs, n) -> new String[] { rs.getString("file_id"),
                        rs.getString("provider_path"), rs.getString("status") }, after, PAGE_ROWS);
                List<BucketFill.ObjectKey> keys = new ArrayList<>(page.size());
                for (String[] row : page) {
                    if (index++ % ONE_IN == ONE_IN / 2) {
                        missingActive += "active".equals(row[2]) ? 1 : 0;
                    } else {
                        int slash = row[1].indexOf('/');
                        keys.add(new BucketFill.ObjectKey(row[1].substring(0, slash), row[1].substring(slash + 1)));
                    }
                }
                fill.put(keys);
                after = page.isEmpty() ? after : page.get(page.size() - 1)[0];
                System.out.printf("  objects: %,d put%n", fill.puts());
            } while (page.size() == PAGE_ROWS);
            List<BucketFill.ObjectKey> strays = new ArrayList<>();
            for (int i = 0; i < Math.max(1, rows / ONE_IN); i++) {
                strays.add(new BucketFill.ObjectKey(bucket(i % buckets), String.format("stray/%08d.bin", i)));
            }
            fill.put(strays);
            double fillSeconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("reconciliation probe: %,d objects put in %.1f s (%.0f/s)%n", fill.puts(), fillSeconds,
                    fill.puts() / fillSeconds);

            double pageMs = pageMillis(store);
            long purgeable = db.jdbc().queryForObject(PURGEABLE, Long.class);
            JobProcess.Run run = jobs.run(db, "orphan-reconciliation");
            List<Finding> findings = List.of(
                    new Finding("orphan objects recorded", strays.size(),
                            db.jdbc().queryForObject("SELECT count(*) FROM storage_orphan_objects", Long.class)),
                    new Finding("active files without object marked corrupted", missingActive, db.jdbc()
                            .queryForObject("SELECT count(*) FROM storage_files WHERE status = 'corrupted'", Long.class)),
                    new Finding("deleted files past retention purged", purgeable,
                            rows - db.jdbc().queryForObject("SELECT count(*) FROM storage_files", Long.class)));
            findings.forEach(f -> System.out.printf("  %s: prepared %,d, found %,d%n", f.what(), f.prepared(),
                    f.found()));
            return new Result(rows, fill.puts(), buckets, load, fillSeconds, pageMs, run, findings);
        } finally {
            db.close();
        }
    }

    // One listing page of 1,000 keys from the first bucket, as the job asks for it: the median of three.
    private double pageMillis(ObjectStore store) {
        double[] millis = new double[3];
        for (int i = 0; i < millis.length; i++) {
            long start = System.nanoTime();
            store.listAfter(bucket(0), "", 1_000);
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        java.util.Arrays.sort(millis);
        return millis[1];
    }

    private String bucket(int index) {
        return CatalogFixture.bucket(bucketPrefix, index);
    }
}
