package io.storagecatalog.jobs.orphans;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import io.storagecatalog.common.catalog.FileRepository;
import io.storagecatalog.common.catalog.FileRepository.PurgeableFile;
import io.storagecatalog.jobs.JobsProperties;

/**
 * Purges soft-deleted files past retention, 1,000 per transaction: their objects (current content and
 * every version) are removed from the store first, one multi-object delete per bucket, a few buckets at a
 * time ({@link ObjectRemoval}), then the rows (versions and shares go with them;
 * the audit trail stays). A run that stops between the two finds the rows again and removes the
 * (already missing) objects again, harmlessly.
 */
class PurgeDeletedFiles implements Tasklet {

    // A page's objects lie in many buckets, one delete request each: at 100 files a page over 100
    // buckets that was a request per file (0.3 s a page); 1,000 is also the most one request deletes.
    static final int PAGE = 1_000;
    private static final String LAST_ID = "purge.lastId";

    private final FileRepository files;
    private final ObjectRemoval removal;
    private final JobsProperties.Orphans settings;

    PurgeDeletedFiles(FileRepository files, ObjectRemoval removal, JobsProperties.Orphans settings) {
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
        Map<String, List<String>> keysByBucket = new HashMap<>();
        for (PurgeableFile file : page) {
            for (String path : file.objectPaths()) {
                int slash = path.indexOf('/');
                if (slash > 0) {
                    keysByBucket.computeIfAbsent(path.substring(0, slash), b -> new ArrayList<>())
                            .add(path.substring(slash + 1));
                }
            }
        }
        removal.remove(keysByBucket);
        contribution.incrementReadCount();
        contribution.incrementWriteCount(files.purge(page.stream().map(PurgeableFile::id).toList()));
        state.putString(LAST_ID, page.get(page.size() - 1).id().toString());
        return page.size() == PAGE ? RepeatStatus.CONTINUABLE : RepeatStatus.FINISHED;
    }
}
