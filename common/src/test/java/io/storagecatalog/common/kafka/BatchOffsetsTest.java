package io.storagecatalog.common.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetCommitCallback;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Kafka's in-memory consumer stands in for the broker: the unit is what happens to offsets and positions. */
@Tag("unit")
class BatchOffsetsTest {

    private static final TopicPartition KEPT = new TopicPartition("storage.file-events", 0);
    private static final TopicPartition ALSO_KEPT = new TopicPartition("storage.s3-notifications", 0);
    private static final TopicPartition GONE = new TopicPartition("storage.file-events", 1);

    /**
     * A consumer whose asynchronous commits stay in flight until the broker answers, as a real one's do
     * (the real consumer reports the answer on its own thread, in a later poll).
     */
    private static final class BrokerAnsweringLater extends MockConsumer<String, byte[]> {
        private record InFlight(Map<TopicPartition, OffsetAndMetadata> offsets, OffsetCommitCallback callback) {}

        private final Queue<InFlight> inFlight = new ArrayDeque<>();

        BrokerAnsweringLater() {
            super("earliest");
        }

        @Override
        public synchronized void commitAsync(
                Map<TopicPartition, OffsetAndMetadata> offsets, OffsetCommitCallback callback) {
            inFlight.add(new InFlight(Map.copyOf(offsets), callback));
        }

        void accept() {
            InFlight commit = inFlight.remove();
            super.commitAsync(commit.offsets(), commit.callback());
        }

        void rejectAsDuringARebalance() {
            InFlight commit = inFlight.remove();
            commit.callback().onComplete(commit.offsets(), new RebalanceInProgressException("rebalancing"));
        }
    }

    private final BrokerAnsweringLater consumer = new BrokerAnsweringLater();
    private final AtomicInteger failures = new AtomicInteger();
    private final BatchOffsets batchOffsets = new BatchOffsets(failures::incrementAndGet);

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
    void sendsTheAssignedPartitionsOffsetsWithoutWaitingAndLeavesThePositions() {
        List<ConsumerRecord<String, byte[]>> records = batchRead();

        batchOffsets.commit(consumer, offsets(), records);

        assertThat(consumer.committed(Set.of(KEPT, ALSO_KEPT)))
                .as("in flight, not waited for")
                .isEmpty();
        consumer.accept();
        assertThat(consumer.committed(Set.of(KEPT, ALSO_KEPT, GONE)))
                .isEqualTo(Map.of(KEPT, new OffsetAndMetadata(10), ALSO_KEPT, new OffsetAndMetadata(22)));
        assertThat(consumer.position(KEPT)).isEqualTo(10);
        assertThat(consumer.position(ALSO_KEPT)).isEqualTo(22);
        assertThat(failures).hasValue(0);
    }

    @Test
    void aFailedCommitRewindsEachPartitionToTheBatchsFirstRecordOfIt() {
        List<ConsumerRecord<String, byte[]>> records = batchRead();
        batchOffsets.commit(consumer, offsets(), records);

        consumer.rejectAsDuringARebalance();

        assertThat(consumer.position(KEPT)).isEqualTo(4);
        assertThat(consumer.position(ALSO_KEPT)).isEqualTo(20);
        assertThat(consumer.committed(Set.of(KEPT, ALSO_KEPT))).isEmpty();
        assertThat(failures).hasValue(1);
    }

    @Test
    void aPartitionThatMovedBeforeTheAnswerIsLeftToItsNewOwner() {
        List<ConsumerRecord<String, byte[]>> records = batchRead();
        batchOffsets.commit(consumer, offsets(), records);
        // The rebalance moved ALSO_KEPT away while the commit was in flight.
        consumer.assign(List.of(KEPT));

        consumer.rejectAsDuringARebalance();

        assertThat(consumer.position(KEPT)).isEqualTo(4);
        assertThat(consumer.assignment()).containsExactly(KEPT);
        assertThat(failures).hasValue(1);
    }

    @Test
    void aLaterBatchsCommitCoversAnEarlierOneThatFailed() {
        List<ConsumerRecord<String, byte[]>> records = batchRead();
        batchOffsets.commit(consumer, offsets(), records);
        List<ConsumerRecord<String, byte[]>> next =
                List.of(new ConsumerRecord<>(KEPT.topic(), KEPT.partition(), 10, "k", new byte[0]));
        consumer.seek(KEPT, 11);
        batchOffsets.commit(consumer, new HashMap<>(Map.of(KEPT, new OffsetAndMetadata(11))), next);

        consumer.rejectAsDuringARebalance();
        consumer.accept();

        // Read again from the first batch on: duplicates, whose batch commits past them.
        assertThat(consumer.position(KEPT)).isEqualTo(4);
        assertThat(consumer.committed(Set.of(KEPT))).isEqualTo(Map.of(KEPT, new OffsetAndMetadata(11)));
    }

    @Test
    void theNextOffsetsAreEachPartitionsLastRecordPlusOneInAnyOrder() {
        List<ConsumerRecord<String, byte[]>> records = batchRead();

        assertThat(BatchOffsets.nextOffsets(records))
                .isEqualTo(Map.of(KEPT, new OffsetAndMetadata(10), ALSO_KEPT, new OffsetAndMetadata(22)));
    }
}
