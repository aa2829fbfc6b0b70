package io.storagecatalog.common.testing;

import io.storagecatalog.common.event.RawRecord;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Publishes test records to a real broker, as an upstream service or MinIO would. */
public final class RecordPublisher implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;

    public RecordPublisher(String bootstrapServers) {
        // One request in flight keeps each partition's order through retries without the idempotent
        // producer's sequence state, which a freshly created topic's leader changes can confuse.
        this.producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.LINGER_MS_CONFIG,
                        5,
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        false,
                        ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION,
                        1),
                new StringSerializer(),
                new ByteArraySerializer());
    }

    /** Sends the record (key, headers, value) to {@code topic}, keeping the record's order, and waits. */
    public void publish(String topic, List<RawRecord> records) {
        List<Future<RecordMetadata>> sent =
                records.stream().map(record -> send(topic, record)).toList();
        producer.flush();
        for (Future<RecordMetadata> future : sent) {
            try {
                future.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("publish failed", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    public void publish(String topic, RawRecord... records) {
        publish(topic, List.of(records));
    }

    private Future<RecordMetadata> send(String topic, RawRecord record) {
        ProducerRecord<String, byte[]> producerRecord = new ProducerRecord<>(topic, null, record.key(), record.value());
        record.headers()
                .forEach((name, value) -> producerRecord.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        return producer.send(producerRecord);
    }

    @Override
    public void close() {
        producer.close();
    }
}
