package io.storagecatalog.ingest.consume;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.junit.jupiter.api.Test;

/** Kafka's in-memory consumer stands in for the broker: the unit is what happens to offsets and positions. */
class BatchOffsetsTest {

    private static final TopicPartition KEPT = new TopicPartition("storage.file-events", 0);
    private static final TopicPartition ALSO_KEPT = new TopicPartition("storage.s3-notifications", 0);
    private static final TopicPartition GONE = new TopicPartition("storage.file-events", 1);

    /** A consumer whose commits fail as during a rebalance, until told otherwise. */
    private static final class RebalancingConsumer extends MockConsumer<String, byte[]> {
        boolean rebalancing;

        RebalancingConsumer() {
            super("earliest");
        }

        @Override
        public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
            if (rebalancing) {
                throw new RebalanceInProgressException("rebalancing");
            }
            super.commitSync(offsets);
        }
    }

    private final RebalancingConsumer consumer = new RebalancingConsumer();

    // The consumer has read the batch: offsets 4-9 of KEPT, 20-21 of ALSO_KEPT; its positions are past them.
    private List<ConsumerRecord<String, byte[]>> batchRead() {
        consumer.assign(List.of(KEPT, ALSO_KEPT));
        consumer.updateBeginningOffsets(Map.of(KEPT, 0L, ALSO_KEPT, 0L));
        consumer.seek(KEPT, 10);
        consumer.seek(ALSO_KEPT, 22);
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        for (long offset = 4; offset < 10; offset++) {
            records.add(new ConsumerRecord<>(KEPT.topic(), KEPT.partition(), offset, "k", new byte[0]));
        }
        records.add(new ConsumerRecord<>(ALSO_KEPT.topic(), ALSO_KEPT.partition(), 21, "k", new byte[0]));
        records.add(new ConsumerRecord<>(ALSO_KEPT.topic(), ALSO_KEPT.partition(), 20, "k", new byte[0]));
        return records;
    }

    private static Map<TopicPartition, OffsetAndMetadata> offsets() {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        offsets.put(KEPT, new OffsetAndMetadata(10));
        offsets.put(ALSO_KEPT, new OffsetAndMetadata(22));
        offsets.put(GONE, new OffsetAndMetadata(7));
        return offsets;
    }

    @Test
    void commitsTheAssignedPartitionsAndLeavesThePositions() {
        List<ConsumerRecord<String, byte[]>> records = batchRead();

        BatchOffsets.commit(consumer, offsets(), records);

        assertThat(consumer.committed(Set.of(KEPT, ALSO_KEPT)))
                .isEqualTo(Map.of(KEPT, new OffsetAndMetadata(10), ALSO_KEPT, new OffsetAndMetadata(22)));
        assertThat(consumer.position(KEPT)).isEqualTo(10);
        assertThat(consumer.position(ALSO_KEPT)).isEqualTo(22);
    }

    @Test
    void aCommitLostToARebalanceRewindsEachPartitionToTheBatchsFirstRecordOfIt() {
        List<ConsumerRecord<String, byte[]>> records = batchRead();
        consumer.rebalancing = true;

        BatchOffsets.commit(consumer, offsets(), records);

        assertThat(consumer.position(KEPT)).isEqualTo(4);
        assertThat(consumer.position(ALSO_KEPT)).isEqualTo(20);
        consumer.rebalancing = false;
        assertThat(consumer.committed(Set.of(KEPT, ALSO_KEPT))).isEmpty();
    }
}
