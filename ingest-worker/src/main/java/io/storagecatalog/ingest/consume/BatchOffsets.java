package io.storagecatalog.ingest.consume;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits a batch's offsets after its database commit. A commit lost to a rebalance does not bring the
 * records back by itself: a partition this instance keeps (a cooperative rebalance moves only some) is
 * fetched on from its position past the batch, so with no later record its committed offset would stay
 * behind for good. Each partition of the batch is therefore rewound to the batch's first record of it:
 * the records come again and read as duplicates (their effects are committed in the database), and the
 * batch that reads them commits their offsets. A partition that moves is read by its new owner from
 * the committed offset, which is before the batch.
 */
final class BatchOffsets {

    private static final Logger log = LoggerFactory.getLogger(BatchOffsets.class);

    private BatchOffsets() {
    }

    static void commit(Consumer<?, ?> consumer, Map<TopicPartition, OffsetAndMetadata> offsets,
            List<? extends ConsumerRecord<?, ?>> records) {
        offsets.keySet().retainAll(consumer.assignment());
        try {
            consumer.commitSync(offsets);
        } catch (CommitFailedException | RebalanceInProgressException e) {
            Map<TopicPartition, Long> first = firstOffsets(records);
            first.keySet().retainAll(consumer.assignment());
            first.forEach(consumer::seek);
            log.info("offset commit lost to a rebalance; the batch's partitions are rewound, its records will be "
                    + "read again as duplicates: partitions={} cause={}", first.keySet(), e.getClass().getSimpleName());
        }
    }

    private static Map<TopicPartition, Long> firstOffsets(List<? extends ConsumerRecord<?, ?>> records) {
        Map<TopicPartition, Long> first = new HashMap<>();
        for (ConsumerRecord<?, ?> record : records) {
            first.merge(new TopicPartition(record.topic(), record.partition()), record.offset(), Math::min);
        }
        return first;
    }
}
