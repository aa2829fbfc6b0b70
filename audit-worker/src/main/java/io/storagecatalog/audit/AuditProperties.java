package io.storagecatalog.audit;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the audit worker.
 *
 * @param checkpointInterval how often the chain head is checkpointed (database and object store)
 * @param checkpointBucket   the object-store bucket that holds the checkpoints' copies
 * @param checkpoints        whether checkpoints are written (off only for tests without an object store)
 * @param maxBackoff         longest pause between retries while the database or broker is down
 */
@ConfigurationProperties("storage-catalog.audit")
public record AuditProperties(
        @DefaultValue("5m") Duration checkpointInterval,
        @DefaultValue("storage-catalog-audit") String checkpointBucket,
        @DefaultValue("true") boolean checkpoints,
        @DefaultValue("10s") Duration maxBackoff) {}
