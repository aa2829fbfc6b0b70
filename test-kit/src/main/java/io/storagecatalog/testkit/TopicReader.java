package io.storagecatalog.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads what a worker wrote to a topic (dead letters, catalog events), as an independent consumer. */
public final class TopicReader {

    private TopicReader() {}

    /**
     * Reads the topic from its beginning until {@code expected} records arrived or {@code timeout}
     * passed, then reads on for {@code settle} to catch any record too many.
     */
    public static List<ConsumerRecord<String, byte[]>> read(
            String bootstrapServers, String topic, int expected, Duration timeout, Duration settle) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "topic-reader-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false,
                        // Dead letters are written in transactions: an aborted one is not a dead letter.
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed"),
                new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            long settleUntil = System.nanoTime() + settle.toNanos();
            while (System.nanoTime() < settleUntil) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    /**
     * The values (UTF-8) of the topic's records that contain every one of {@code texts}: read from the
     * beginning again and again until {@code expected} of them are there or {@code timeout} passed.
     * For records sent after a commit (through an outbox), among others already on the topic.
     */
    public static List<String> containing(
            String bootstrapServers, String topic, int expected, Duration timeout, String... texts) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> matching;
        do {
            matching = read(bootstrapServers, topic, Integer.MAX_VALUE, Duration.ofMillis(500), Duration.ZERO).stream()
                    .map(r -> new String(r.value(), java.nio.charset.StandardCharsets.UTF_8))
                    .filter(value -> java.util.Arrays.stream(texts).allMatch(value::contains))
                    .toList();
        } while (matching.size() < expected && System.nanoTime() < deadline);
        return matching;
    }
}
