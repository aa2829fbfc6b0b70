package io.storagecatalog.jobs.shares;

import io.storagecatalog.common.catalog.ShareRepository;
import io.storagecatalog.jobs.run.JobSteps;
import java.time.Instant;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Share expiry: deactivates shares past {@code expires_at} or out of downloads, 1,000 per transaction. */
@Configuration(proxyBeanMethods = false)
public class ShareExpiryJobConfig {

    public static final String JOB_NAME = "share-expiry";
    static final int CHUNK = 1000;

    @Bean
    Job shareExpiryJob(JobSteps steps, ShareRepository shares) {
        return steps.job(JOB_NAME, steps.step("expire-shares", (contribution, context) -> {
            int expired = shares.expire(Instant.now(), CHUNK);
            contribution.incrementWriteCount(expired);
            return expired == CHUNK ? RepeatStatus.CONTINUABLE : RepeatStatus.FINISHED;
        }));
    }
}
