package io.storagecatalog.common.outbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The relay of the catalog's events from the outbox to Kafka.
 *
 * @param relay     whether this process relays (every process writes to the outbox either way; any one
 *                  relaying process publishes what all of them wrote)
 * @param interval  how long the relay rests when the outbox is empty
 * @param batchSize events sent per round trip to the broker
 */
@ConfigurationProperties("storage-catalog.outbox")
public record OutboxProperties(
        @DefaultValue("true") boolean relay,
        @DefaultValue("250ms") Duration interval,
        @DefaultValue("200") int batchSize) {

    public OutboxProperties {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("storage-catalog.outbox.interval: must be positive, was " + interval);
        }
        if (batchSize < 1 || batchSize > 10_000) {
            throw new IllegalArgumentException(
                    "storage-catalog.outbox.batch-size: must be 1 to 10000, was " + batchSize);
        }
    }
}
