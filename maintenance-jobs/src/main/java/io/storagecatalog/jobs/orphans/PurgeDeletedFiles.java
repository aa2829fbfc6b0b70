package io.storagecatalog.jobs.orphans;

import io.storagecatalog.common.audit.MaintenanceTrail;
import io.storagecatalog.common.catalog.FileMaintenanceRepository;
import io.storagecatalog.common.catalog.FileMaintenanceRepository.PurgeableFile;
import io.storagecatalog.common.s3.ObjectStore;
import io.storagecatalog.jobs.JobsProperties;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Purges soft-deleted files past retention, 1,000 per transaction. The rows go first (versions and
 * shares with them; the audit trail stays); then, in the same transaction, the page's objects (current
 * content and every version) that no remaining row names are removed from the store, one multi-object
 * delete per bucket, a few buckets at a time ({@link ObjectRemoval}), and the transaction commits. An
 * object that a live copy, another version or another deleted file still names is kept: nothing is
 * destroyed while anything holds it. A copy being applied at that moment locks its source's row, so it
 * either committed before the purge's delete (and is seen) or waits for it (and finds no source). A run
 * that stops after the removal and before the commit finds the rows again and removes the (already
 * missing) objects again, harmlessly.
 */
class PurgeDeletedFiles implements Tasklet {

    // A page's objects lie in many buckets, one delete request each: at 100 files a page over 100
    // buckets that was a request per file (0.3 s a page); 1,000 is also the most one request deletes.
    static final int PAGE = 1_000;
    private static final String LAST_ID = "purge.lastId";

    private final FileMaintenanceRepository files;
    private final ObjectRemoval removal;
    private final ObjectStore store;
    private final MaintenanceTrail trail;
    private final JobsProperties.Orphans settings;

    PurgeDeletedFiles(
            FileMaintenanceRepository files,
            ObjectRemoval removal,
            ObjectStore store,
            MaintenanceTrail trail,
            JobsProperties.Orphans settings) {
        this.trail = trail;
        this.store = store;
        this.files = files;
        this.removal = removal;
        this.settings = settings;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext context) {
        ExecutionContext state = context.getStepContext().getStepExecution().getExecutionContext();
        UUID after = state.containsKey(LAST_ID) ? UUID.fromString(state.getString(LAST_ID)) : new UUID(0, 0);
        List<PurgeableFile> page = files.purgeable(Instant.now().minus(settings.retention()), after, PAGE);
        if (page.isEmpty()) {
            return RepeatStatus.FINISHED;
        }
        java.util.Set<UUID> purged =
                files.purge(page.stream().map(PurgeableFile::id).toList());
        java.util.Set<String> paths = new java.util.TreeSet<>();
        page.forEach(file -> paths.addAll(file.objectPaths()));
        java.util.Set<String> kept = files.stillReferenced(paths);
        paths.removeAll(kept);
        Map<String, List<String>> keysByBucket = new HashMap<>();
        for (String path : paths) {
            int slash = path.indexOf('/');
            if (slash > 0) {
                keysByBucket
                        .computeIfAbsent(path.substring(0, slash), b -> new ArrayList<>())
                        .add(path.substring(slash + 1));
            }
        }
        // A bucket the store does not have holds none of these objects: nothing to remove there.
        keysByBucket.keySet().removeIf(bucket -> !store.bucketExists(bucket));
        removal.remove(keysByBucket);
        // Each purge on record, in this transaction: what was removed, what was kept because a row holds it.
        List<MaintenanceTrail.Action> actions = new ArrayList<>();
        for (PurgeableFile file : page) {
            if (purged.contains(file.id())) {
                long removed =
                        file.objectPaths().stream().filter(paths::contains).count();
                actions.add(new MaintenanceTrail.Action(
                        "purge",
                        file.fileId(),
                        Map.of(
                                "job",
                                OrphanReconciliationJobConfig.JOB_NAME,
                                "retention",
                                settings.retention().toString(),
                                "objectsRemoved",
                                removed,
                                "objectsKept",
                                file.objectPaths().size() - removed)));
            }
        }
        trail.append(actions);
        contribution.incrementReadCount();
        contribution.incrementWriteCount(purged.size());
        state.putString(LAST_ID, page.get(page.size() - 1).id().toString());
        return page.size() == PAGE ? RepeatStatus.CONTINUABLE : RepeatStatus.FINISHED;
    }
}
