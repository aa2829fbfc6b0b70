package io.storagecatalog.ingest.consume;

import io.storagecatalog.common.event.CatalogEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;

/**
 * Per partition, the record that waits for its file and since when. A wait counts only while the
 * record is being checked: a gap in the checks (the database down, the partition away at another
 * instance, the worker restarted) starts the wait anew, so that an outage never turns a file that
 * is merely late into a dead letter.
 */
final class WaitingRecords {

    private record Waiting(long offset, Instant since, Instant lastChecked) {}

    private final Map<TopicPartition, Waiting> waiting = new ConcurrentHashMap<>();
    private final Duration limit;
    private final Duration gap;

    /**
     * @param limit how long a record may wait for its file
     * @param gap   a pause between two checks longer than this starts the wait anew
     */
    WaitingRecords(Duration limit, Duration gap) {
        this.limit = limit;
        this.gap = gap;
    }

    /** The event's record has waited for its file as long as it may. */
    boolean waitedLongEnough(CatalogEvent.Origin origin, Instant now) {
        Waiting current = waiting.get(new TopicPartition(origin.topic(), origin.partition()));
        return current != null
                && current.offset() == origin.offset()
                && !continuedAfterGap(current, now)
                && !current.since().plus(limit).isAfter(now);
    }

    void waitsAt(TopicPartition partition, long offset, Instant now) {
        waiting.compute(
                partition,
                (p, old) -> old != null && old.offset() == offset && !continuedAfterGap(old, now)
                        ? new Waiting(offset, old.since(), now)
                        : new Waiting(offset, now, now));
    }

    private boolean continuedAfterGap(Waiting waiting, Instant now) {
        return waiting.lastChecked().plus(gap).isBefore(now);
    }

    void movedOn(TopicPartition partition) {
        waiting.remove(partition);
    }
}
