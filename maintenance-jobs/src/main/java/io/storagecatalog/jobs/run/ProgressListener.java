package io.storagecatalog.jobs.run;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.stereotype.Component;

/** Logs each committed chunk (a step iteration) with the step's running counts: a job's progress. */
@Component
class ProgressListener implements ChunkListener<Object, Object> {

    private static final Logger log = LoggerFactory.getLogger(ProgressListener.class);

    @Override
    public void afterChunk(ChunkContext context) {
        log.info(
                "progress: job={} {}",
                context.getStepContext().getJobName(),
                JobRunner.progress(context.getStepContext().getStepExecution()));
    }
}
