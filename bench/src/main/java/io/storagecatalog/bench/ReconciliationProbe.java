package io.storagecatalog.bench;

import io.storagecatalog.common.s3.ObjectStore;
import io.storagecatalog.common.testing.TestObjectStores;
import io.storagecatalog.testkit.EmbeddedTestS3;
import io.storagecatalog.testkit.TestPostgres;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code orphan-reconciliation} job over N catalog rows against N objects: every catalogued path
 * has its (empty) object except one row in a thousand (those of active files must come out
 * {@code corrupted}), and one object in a thousand has no row (an orphan to record); the soft-deleted
 * files past retention are purged by the job's first step.
 *
 * <p>The catalogued objects are written straight into the S3 server's store ({@link EmbeddedTestS3});
 * the orphans go through the S3 API, in parallel, which gives the API's PUT rate for comparison. The
 * objects are spread over buckets of {@code objects-per-bucket} (10,000) each, as a store's objects
 * lie in several buckets (and the purge then meets the one-request-per-bucket limit of S3 deletes). The
 * test server lists a page from a sorted index ({@code IndexedBlobStore}), in about the same time
 * whatever the bucket's size, as a real S3 API server does. The probe reports the cost of one page, so
 * that the server's share of the job's time can be told.
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
    record Result(
            int rows,
            int buckets,
            BulkLoad.Timing load,
            Fill direct,
            Fill api,
            double pageMs,
            long listingPages,
            JobProcess.Run run,
            List<Finding> findings) {

        /** The part of the job's time that S3Proxy's listing takes, estimated: pages times one page's cost. */
        double listingSeconds() {
            return listingPages * pageMs / 1000;
        }

        /** Whether each finding (orphans, corrupted, purged) is as prepared. */
        boolean asPrepared() {
            return findings.stream().allMatch(f -> f.prepared() == f.found());
        }
    }

    /** Objects written, and the seconds it took. */
    record Fill(long objects, double seconds) {

        double rate() {
            return objects / seconds;
        }
    }

    /** How many of a kind of anomaly were prepared, and how many the job found. */
    record Finding(String what, long prepared, long found) {}

    private final TestPostgres postgres;
    private final EmbeddedTestS3 s3;
    private final JobProcess jobs;
    private final int rows;
    private final int objectsPerBucket;
    // Buckets of their own: an external S3 server (see TestInfrastructure) keeps those of earlier runs.
    private final String bucketPrefix =
            "probe-" + java.util.UUID.randomUUID().toString().substring(0, 8) + "-";

    ReconciliationProbe(TestPostgres postgres, EmbeddedTestS3 s3, JobProcess jobs, int rows, int objectsPerBucket) {
        this.postgres = postgres;
        this.s3 = s3;
        this.jobs = jobs;
        this.rows = rows;
        this.objectsPerBucket = objectsPerBucket;
    }

    Result run() {
        ProbeDatabase db = ProbeDatabase.create(postgres);
        try {
            int buckets = Math.max(1, (rows + objectsPerBucket - 1) / objectsPerBucket);
            System.out.printf("reconciliation probe: loading %,d catalog rows over %d buckets%n", rows, buckets);
            BulkLoad.Timing load = CatalogFixture.load(db, rows, buckets, bucketPrefix, false);
            ObjectStore store = TestObjectStores.of(s3);
            for (int b = 0; b < buckets; b++) {
                store.ensureBucket(bucket(b));
            }
            Store prepared = fill(db, buckets);
            long purgeable = db.jdbc().queryForObject(PURGEABLE, Long.class);
            JobProcess.Run run = jobs.run(db, "orphan-reconciliation");
            double pageMs = pageMillis(store, buckets);
            List<Finding> findings = List.of(
                    new Finding(
                            "orphan objects recorded",
                            prepared.orphans(),
                            db.jdbc().queryForObject("SELECT count(*) FROM storage_orphan_objects", Long.class)),
                    new Finding(
                            "active files without object marked corrupted",
                            prepared.missingActive(),
                            db.jdbc()
                                    .queryForObject(
                                            "SELECT count(*) FROM storage_files WHERE status = 'corrupted'",
                                            Long.class)),
                    new Finding(
                            "deleted files past retention purged",
                            purgeable,
                            rows - db.jdbc().queryForObject("SELECT count(*) FROM storage_files", Long.class)));
            findings.forEach(
                    f -> System.out.printf("  %s: prepared %,d, found %,d%n", f.what(), f.prepared(), f.found()));
            return new Result(
                    rows,
                    buckets,
                    load,
                    prepared.direct(),
                    prepared.api(),
                    pageMs,
                    prepared.listingPages(),
                    run,
                    findings);
        } finally {
            db.close();
        }
    }

    /** What the store holds against the catalog, and what writing it took. */
    private record Store(Fill direct, Fill api, long missingActive, long orphans, long listingPages) {}

    // Every catalogued path's object but one in a thousand, written directly; then the orphans through the API.
    private Store fill(ProbeDatabase db, int buckets) {
        try (BucketFill direct = new BucketFill(key -> s3.putDirectly(key.bucket(), key.key()));
                BucketFill api = BucketFill.throughApi(s3.client())) {
            long missingActive = 0;
            Map<String, Long> perBucket = new HashMap<>();
            long index = 0;
            String after = "";
            List<String[]> page;
            do {
                page = db.jdbc()
                        .query(
                                PATHS,
                                (rs, n) -> new String[] {
                                    rs.getString("file_id"), rs.getString("provider_path"), rs.getString("status")
                                },
                                after,
                                PAGE_ROWS);
                List<BucketFill.ObjectKey> keys = new ArrayList<>(page.size());
                for (String[] row : page) {
                    if (index++ % ONE_IN == ONE_IN / 2) {
                        missingActive += "active".equals(row[2]) ? 1 : 0;
                    } else {
                        int slash = row[1].indexOf('/');
                        keys.add(new BucketFill.ObjectKey(row[1].substring(0, slash), row[1].substring(slash + 1)));
                    }
                }
                direct.put(keys);
                keys.forEach(key -> perBucket.merge(key.bucket(), 1L, Long::sum));
                after = page.isEmpty() ? after : page.get(page.size() - 1)[0];
                System.out.printf("  objects: %,d written%n", direct.puts());
            } while (page.size() == PAGE_ROWS);
            List<BucketFill.ObjectKey> strays = new ArrayList<>();
            for (int i = 0; i < Math.max(1, rows / ONE_IN); i++) {
                strays.add(new BucketFill.ObjectKey(bucket(i % buckets), String.format("stray/%08d.bin", i)));
            }
            api.put(strays);
            strays.forEach(key -> perBucket.merge(key.bucket(), 1L, Long::sum));
            Store store = new Store(
                    new Fill(direct.puts(), direct.seconds()),
                    new Fill(api.puts(), api.seconds()),
                    missingActive,
                    strays.size(),
                    // The job lists a bucket a window at a time until a page comes back short (the purge
                    // removes about 1% of the objects before: an estimate).
                    perBucket.values().stream().mapToLong(n -> n / 1_000 + 1).sum());
            System.out.printf(
                    "reconciliation probe: %,d objects written in %.1f s (%.0f/s), %,d orphans put through "
                            + "the S3 API in %.1f s (%.0f/s)%n",
                    store.direct().objects(),
                    store.direct().seconds(),
                    store.direct().rate(),
                    store.api().objects(),
                    store.api().seconds(),
                    store.api().rate());
            return store;
        }
    }

    // One listing page of 1,000 keys, as the job asks for them: the median of 21 from several buckets,
    // after the job (S3Proxy's code is as warm as during the job's pages) and five more to warm up.
    private double pageMillis(ObjectStore store, int buckets) {
        double[] millis = new double[21];
        for (int i = -5; i < millis.length; i++) {
            long start = System.nanoTime();
            store.listAfter(bucket(Math.floorMod(i, buckets)), "", 1_000);
            if (i >= 0) {
                millis[i] = (System.nanoTime() - start) / 1e6;
            }
        }
        java.util.Arrays.sort(millis);
        return millis[millis.length / 2];
    }

    private String bucket(int index) {
        return CatalogFixture.bucket(bucketPrefix, index);
    }
}
