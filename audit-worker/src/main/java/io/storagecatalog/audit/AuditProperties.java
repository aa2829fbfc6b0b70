package io.storagecatalog.audit;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the audit worker.
 *
 * @param checkpointInterval  the cadence of signed checkpoints (one per interval, with or without new rows)
 * @param checkpointBucket    the object-store bucket that holds the checkpoints' copies and the public keys
 * @param checkpoints         whether checkpoints are written (off only for tests without an object store)
 * @param checkpointRetention how long the store must keep each copy (Object Lock, compliance mode; the
 *                            bucket must have Object Lock enabled); unset: no lock is asked for
 * @param maxBackoff          longest pause between retries while the database or broker is down
 */
@ConfigurationProperties("storage-catalog.audit")
public record AuditProperties(
        @DefaultValue("5m") Duration checkpointInterval,
        @DefaultValue("storage-catalog-audit") String checkpointBucket,
        @DefaultValue("true") boolean checkpoints,
        Duration checkpointRetention,
        @DefaultValue("10s") Duration maxBackoff) {}
