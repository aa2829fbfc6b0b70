package io.storagecatalog.common.kafka;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits a batch's offsets after its database commit, without waiting for the broker's answer: a
 * synchronous commit is a round trip to the group coordinator after every batch, and the next batch
 * would wait for it (at 1,000 events/s it was half of the audit consumer's time). Nothing is lost by
 * not waiting: the batch's effects are committed in the database before its offsets are sent, commits
 * are sent in the order they are made, and a batch whose offsets do not land is read again, its
 * records reading as duplicates.
 *
 * <p>A failed commit (most often one lost to a rebalance) does not bring the records back by itself: a
 * partition this instance keeps (a cooperative rebalance moves only some) is fetched on from its
 * position past the batch, so with no later record its committed offset would stay behind for good.
 * Each partition of the batch that is still assigned is therefore rewound to the batch's first record
 * of it, when the consumer reports the failure (on its own thread, in a later poll or commit); the batch
 * that reads the records again commits their offsets. A partition that moved is read by its new owner
 * from the committed offset, which is before the batch.
 */
public final class BatchOffsets {

    private static final Logger log = LoggerFactory.getLogger(BatchOffsets.class);

    private final Runnable onFailure;

    /** @param onFailure called once per failed commit, on the consumer's thread (a metric) */
    public BatchOffsets(Runnable onFailure) {
        this.onFailure = onFailure;
    }

    /** Sends the offsets of the partitions still assigned; {@code records} are the batch's, for a rewind. */
    public void commit(
            Consumer<?, ?> consumer,
            Map<TopicPartition, OffsetAndMetadata> offsets,
            List<? extends ConsumerRecord<?, ?>> records) {
        offsets.keySet().retainAll(consumer.assignment());
        if (offsets.isEmpty()) {
            return;
        }
        Map<TopicPartition, Long> first = firstOffsets(records);
        first.keySet().retainAll(offsets.keySet());
        consumer.commitAsync(offsets, (attempted, failure) -> {
            if (failure != null) {
                rewind(consumer, first, failure);
            }
        });
    }

    /** The offsets that mark all of {@code records} consumed: each partition's last record + 1. */
    public static Map<TopicPartition, OffsetAndMetadata> nextOffsets(List<? extends ConsumerRecord<?, ?>> records) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (ConsumerRecord<?, ?> record : records) {
            offsets.merge(
                    new TopicPartition(record.topic(), record.partition()),
                    new OffsetAndMetadata(record.offset() + 1),
                    (a, b) -> a.offset() >= b.offset() ? a : b);
        }
        return offsets;
    }

    /**
     * Waits until the commits under way have landed or failed (their failures handled). Called before
     * offsets are committed another way, in a Kafka transaction: an earlier commit landing after it would
     * move the group's offset back.
     */
    public void awaitPending(Consumer<?, ?> consumer) {
        consumer.commitSync(Map.of());
    }

    private void rewind(Consumer<?, ?> consumer, Map<TopicPartition, Long> first, Exception failure) {
        onFailure.run();
        Map<TopicPartition, Long> rewound = new HashMap<>(first);
        rewound.keySet().retainAll(consumer.assignment());
        rewound.forEach(consumer::seek);
        log.info(
                "offset commit failed; the batch's partitions still assigned are rewound, its records will be read "
                        + "again as duplicates: partitions={} cause={}",
                rewound.keySet(),
                failure.getClass().getSimpleName());
    }

    private static Map<TopicPartition, Long> firstOffsets(List<? extends ConsumerRecord<?, ?>> records) {
        Map<TopicPartition, Long> first = new HashMap<>();
        for (ConsumerRecord<?, ?> record : records) {
            first.merge(new TopicPartition(record.topic(), record.partition()), record.offset(), Math::min);
        }
        return first;
    }
}
