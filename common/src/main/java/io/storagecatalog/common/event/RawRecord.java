package io.storagecatalog.common.event;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A Kafka record as the contract sees it, free of any client library type.
 *
 * @param topic     the topic it was read from
 * @param partition its partition
 * @param offset    its offset
 * @param key       the record key (UTF-8), or null
 * @param headers   header values decoded as UTF-8, by lower-case name; the last value wins
 * @param value     the record value, or null for a tombstone
 * @param timestamp the record timestamp: the event time when the event carries none
 */
public record RawRecord(
        String topic,
        int partition,
        long offset,
        String key,
        Map<String, String> headers,
        byte[] value,
        Instant timestamp) {

    public RawRecord {
        Objects.requireNonNull(topic, "topic");
        headers = Map.copyOf(headers);
        Objects.requireNonNull(timestamp, "timestamp");
    }

    public String header(String name) {
        return headers.get(name);
    }
}
