package io.storagecatalog.ingest;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the ingest worker.
 *
 * @param consumerName          name under which applied event ids are recorded; two deployments
 *                              that must each apply every event need different names
 * @param unknownFileRetry      how long an event for a file the catalog does not know yet is retried
 *                              before it is dead-lettered; longer than a consumer's session timeout
 *                              plus a restart, so that a file held up behind a crashed instance's
 *                              partitions is still waited for
 * @param unknownFileRetryInterval pause between those retries
 * @param maxBackoff            longest pause between retries while the database or broker is down
 */
@ConfigurationProperties("storage-catalog.ingest")
public record IngestProperties(
        @DefaultValue("storage-catalog-ingest") String consumerName,
        @DefaultValue("2m") Duration unknownFileRetry,
        @DefaultValue("200ms") Duration unknownFileRetryInterval,
        @DefaultValue("10s") Duration maxBackoff) {}
