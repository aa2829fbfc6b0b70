package io.storagecatalog.jobs.orphans;

import io.storagecatalog.common.audit.MaintenanceTrail;
import io.storagecatalog.common.catalog.FileMaintenanceRepository;
import io.storagecatalog.common.catalog.FileMaintenanceRepository.KnownPath;
import io.storagecatalog.common.kafka.CatalogEventPublisher;
import io.storagecatalog.common.s3.ObjectStore;
import io.storagecatalog.common.s3.ObjectStore.StoredObject;
import io.storagecatalog.jobs.JobsProperties;
import io.storagecatalog.jobs.orphans.OrphanObjectRepository.OrphanObject;
import io.storagecatalog.jobs.run.JobFaults;
import io.storagecatalog.jobs.run.JobMetrics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Reconciles the catalog with the store as a streaming merge, one window of store keys per
 * transaction: the store lists keys in UTF-8 binary order, the catalog returns the same key range in
 * that order ({@code COLLATE "C"}), and one pass over both finds
 * <ul>
 * <li>objects no catalog row knows: recorded as findings (and removed after a grace period when
 * enabled);</li>
 * <li>active files whose object is missing, or whose size differs: marked {@code corrupted}, with a
 * {@code storage.file.corrupted} event.</li>
 * </ul>
 * No per-row request: one listing and one query per window, the next window's listing made while
 * this one is compared ({@link ListingPrefetch}). The position (bucket, last key) is the step's restart
 * point.
 */
class ReconcileObjects implements Tasklet {

    static final String CORRUPTED_TYPE = "storage.file.corrupted";
    private static final String BUCKET_INDEX = "reconcile.bucketIndex";
    private static final String LAST_KEY = "reconcile.lastKey";
    private static final String BUCKETS = "reconcile.buckets";
    private static final String MISSING_BUCKETS = "reconcile.missingBuckets";
    private static final Logger log = LoggerFactory.getLogger(ReconcileObjects.class);
    /** Object paths compare as UTF-8 bytes: the store's order and PostgreSQL's "C" collation. */
    static final Comparator<String> BYTE_ORDER =
            (a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

    private final FileMaintenanceRepository files;
    private final OrphanObjectRepository orphans;
    private final ObjectStore store;
    private final ListingPrefetch listings;
    private final CatalogEventPublisher publisher;
    private final JobsProperties.Orphans settings;
    private final JobFaults faults;
    private final JobMetrics metrics;
    private final MaintenanceTrail trail;

    ReconcileObjects(
            FileMaintenanceRepository files,
            OrphanObjectRepository orphans,
            ObjectStore store,
            ListingPrefetch listings,
            CatalogEventPublisher publisher,
            JobsProperties.Orphans settings,
            JobFaults faults,
            JobMetrics metrics,
            MaintenanceTrail trail) {
        this.trail = trail;
        this.metrics = metrics;
        this.files = files;
        this.orphans = orphans;
        this.store = store;
        this.listings = listings;
        this.publisher = publisher;
        this.settings = settings;
        this.faults = faults;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext context) {
        ExecutionContext state = context.getStepContext().getStepExecution().getExecutionContext();
        if (!state.containsKey(BUCKETS)) {
            List<String> buckets = settings.buckets().isEmpty() ? files.buckets() : settings.buckets();
            state.putString(BUCKETS, String.join("\n", buckets));
            state.putInt(BUCKET_INDEX, 0);
            state.putString(LAST_KEY, "");
        }
        List<String> buckets = state.getString(BUCKETS).isEmpty()
                ? List.of()
                : List.of(state.getString(BUCKETS).split("\n"));
        int index = state.getInt(BUCKET_INDEX);
        if (index >= buckets.size()) {
            return RepeatStatus.FINISHED;
        }
        String bucket = buckets.get(index);
        String lastKey = state.getString(LAST_KEY);
        faults.beforeUnit(ReconcileObjects.class.getSimpleName(), bucket + "/" + lastKey);

        // A bucket the store does not have (deleted, renamed, or a name no store could hold): its files'
        // objects are all missing. Reported, and the other buckets are reconciled all the same.
        boolean bucketMissing = lastKey.isEmpty() && !store.bucketExists(bucket);
        List<StoredObject> objects = bucketMissing ? List.of() : listings.list(bucket, lastKey, settings.window());
        if (bucketMissing) {
            log.warn("bucket missing from the store, its files are marked corrupted: bucket={}", bucket);
            String missing = state.containsKey(MISSING_BUCKETS) ? state.getString(MISSING_BUCKETS) + ", " : "";
            state.putString(MISSING_BUCKETS, missing + bucket);
            contribution.setExitStatus(contribution
                    .getExitStatus()
                    .addExitDescription("buckets missing from the store: " + state.getString(MISSING_BUCKETS)));
        }
        boolean bucketDone = bucketMissing || objects.size() < settings.window();
        if (!bucketDone) {
            listings.start(bucket, objects.get(objects.size() - 1).key(), settings.window());
        } else if (index + 1 < buckets.size()) {
            listings.start(buckets.get(index + 1), "", settings.window());
        }
        String prefix = bucket + "/";
        // The catalog's side of the same key range: up to the last listed key, or to the bucket's end.
        String upTo = bucketDone
                ? bucket + "0"
                : prefix + objects.get(objects.size() - 1).key();
        List<KnownPath> known = new ArrayList<>();
        files.knownPaths(prefix + lastKey, upTo, known::add);
        known.sort(Comparator.comparing(KnownPath::path, BYTE_ORDER));
        Window window = merge(
                bucket,
                objects,
                known,
                bucketMissing ? "bucket missing from the store" : "object missing from the store");

        Instant now = Instant.now();
        orphans.seen(window.orphans, now);
        List<MaintenanceTrail.Action> actions = new ArrayList<>(removeExpiredOrphans(window.orphans, now));
        // Only the files this window changed: one already corrupted is neither counted nor announced again.
        List<String> corrupted = files.markCorrupted(window.corrupted.keySet(), now);
        corrupted.forEach(fileId -> actions.add(new MaintenanceTrail.Action(
                "mark_corrupted",
                fileId,
                Map.of("job", OrphanReconciliationJobConfig.JOB_NAME, "reason", window.corrupted.get(fileId)))));
        // On record in this window's transaction, with the marks and removals themselves.
        trail.append(actions);
        metrics.filesCorrupted(corrupted.size());
        corrupted.forEach(fileId -> publisher.publish(
                CORRUPTED_TYPE,
                fileId,
                publisher.newData().put("fileId", fileId).put("reason", window.corrupted.get(fileId))));
        contribution.incrementReadCount();
        contribution.incrementWriteCount(window.orphans.size() + corrupted.size());

        if (bucketDone) {
            state.putInt(BUCKET_INDEX, index + 1);
            state.putString(LAST_KEY, "");
        } else {
            state.putString(LAST_KEY, objects.get(objects.size() - 1).key());
        }
        return bucketDone && index + 1 >= buckets.size() ? RepeatStatus.FINISHED : RepeatStatus.CONTINUABLE;
    }

    /** What one window found. */
    private record Window(List<OrphanObject> orphans, Map<String, String> corrupted) {}

    private static Window merge(String bucket, List<StoredObject> objects, List<KnownPath> known, String missing) {
        List<OrphanObject> orphanObjects = new ArrayList<>();
        Map<String, String> corrupted = new LinkedHashMap<>();
        int o = 0;
        int k = 0;
        while (o < objects.size() || k < known.size()) {
            StoredObject object = o < objects.size() ? objects.get(o) : null;
            KnownPath path = k < known.size() ? known.get(k) : null;
            int order = object == null
                    ? 1
                    : path == null ? -1 : BYTE_ORDER.compare(bucket + "/" + object.key(), path.path());
            if (order < 0) {
                orphanObjects.add(new OrphanObject(bucket, object.key(), object.size()));
                o++;
            } else if (order > 0) {
                path.activeFiles().forEach(fileId -> corrupted.put(fileId, missing));
                k++;
            } else {
                if (path.expectedSize() != null && path.expectedSize() != object.size()) {
                    String reason =
                            "object size " + object.size() + " differs from the catalog's " + path.expectedSize();
                    path.activeFiles().forEach(fileId -> corrupted.put(fileId, reason));
                }
                o++;
                k++;
            }
        }
        return new Window(orphanObjects, corrupted);
    }

    /** Removes the orphans past their grace; returns the removals, to be put on record. */
    private List<MaintenanceTrail.Action> removeExpiredOrphans(List<OrphanObject> found, Instant now) {
        List<MaintenanceTrail.Action> removed = new ArrayList<>();
        if (!settings.removeOrphans()) {
            return removed;
        }
        for (OrphanObject orphan : found) {
            Instant firstSeen = orphans.firstSeen(orphan.bucket(), orphan.key());
            // Named by a row since it was found (an upload announced late, a copy): no longer an orphan.
            if (firstSeen != null
                    && firstSeen.plus(settings.orphanGrace()).isBefore(now)
                    && files.stillReferenced(List.of(orphan.bucket() + "/" + orphan.key()))
                            .isEmpty()) {
                store.remove(orphan.bucket(), List.of(orphan.key()));
                orphans.removed(orphan, now);
                removed.add(new MaintenanceTrail.Action(
                        "orphan_removed",
                        orphan.bucket() + "/" + orphan.key(),
                        Map.of(
                                "job",
                                OrphanReconciliationJobConfig.JOB_NAME,
                                "size",
                                orphan.size(),
                                "firstSeen",
                                firstSeen.toString())));
            }
        }
        return removed;
    }
}
