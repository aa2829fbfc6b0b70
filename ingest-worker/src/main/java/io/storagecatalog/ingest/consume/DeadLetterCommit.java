package io.storagecatalog.ingest.consume;

import io.storagecatalog.common.event.InvalidEventException;
import io.storagecatalog.common.kafka.CatalogTopics;
import io.storagecatalog.common.kafka.DeadLetterCopy;
import io.storagecatalog.common.kafka.DeadLetters;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;

/**
 * Sends a batch's dead letters and commits the batch's offsets in one Kafka transaction: a crash or a
 * broker failure between the two cannot leave a dead letter whose record is delivered (and
 * dead-lettered) again. Readers of the dead-letter topics with {@code isolation.level=read_committed}
 * see each bad record once.
 */
final class DeadLetterCommit implements AutoCloseable {

    /** A record to dead-letter, with why. */
    record Letter(ConsumerRecord<String, byte[]> record, InvalidEventException reason) {}

    private final DefaultKafkaProducerFactory<String, byte[]> producers;
    private final KafkaTemplate<String, byte[]> template;
    private final DeadLetterPublishingRecoverer recoverer;

    DeadLetterCommit(ProducerFactory<String, byte[]> producerFactory, CatalogTopics topics) {
        Map<String, Object> config = new HashMap<>(producerFactory.getConfigurationProperties());
        this.producers = new DefaultKafkaProducerFactory<>(config, new StringSerializer(), new ByteArraySerializer());
        // Unique per process: instances of the worker must not fence each other's transactions.
        producers.setTransactionIdPrefix("storage-catalog-ingest-dlt-" + UUID.randomUUID() + "-");
        this.template = new KafkaTemplate<>(producers);
        this.recoverer = DeadLetters.recoverer(template, topics::deadLetterTopic);
    }

    /** Sends the letters and commits the offsets for the group, all or nothing; throws when it did not commit. */
    void sendAndCommit(
            List<Letter> letters, Map<TopicPartition, OffsetAndMetadata> offsets, ConsumerGroupMetadata group) {
        template.executeInTransaction(operations -> {
            letters.forEach(letter -> recoverer.accept(DeadLetterCopy.of(letter.record()), letter.reason()));
            operations.sendOffsetsToTransaction(offsets, group);
            return null;
        });
    }

    @Override
    public void close() {
        producers.destroy();
    }
}
