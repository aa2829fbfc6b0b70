package io.storagecatalog.ingest.consume;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.common.TopicPartition;

import io.storagecatalog.common.event.CatalogEvent;

/** Per partition, the record that waits for its file and since when. */
final class WaitingRecords {

    private record Waiting(long offset, Instant since) {
    }

    private final Map<TopicPartition, Waiting> waiting = new ConcurrentHashMap<>();
    private final Duration limit;

    WaitingRecords(Duration limit) {
        this.limit = limit;
    }

    /** The event's record has waited for its file as long as it may. */
    boolean waitedLongEnough(CatalogEvent.Origin origin, Instant now) {
        Waiting current = waiting.get(new TopicPartition(origin.topic(), origin.partition()));
        return current != null && current.offset() == origin.offset() && !current.since().plus(limit).isAfter(now);
    }

    void waitsAt(TopicPartition partition, long offset, Instant now) {
        waiting.compute(partition, (p, old) -> old != null && old.offset() == offset ? old : new Waiting(offset, now));
    }

    void movedOn(TopicPartition partition) {
        waiting.remove(partition);
    }
}
