package io.storagecatalog.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.storagecatalog.common.event.RawRecord;
import io.storagecatalog.common.outbox.OutboxProperties;
import io.storagecatalog.common.outbox.OutboxRelay;
import io.storagecatalog.common.outbox.OutboxRepository;
import io.storagecatalog.common.testing.RecordPublisher;
import io.storagecatalog.common.testing.TestEvents;
import io.storagecatalog.testkit.TestInfrastructure;
import io.storagecatalog.testkit.TopicReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A quota notice is written to the outbox in the batch's transaction and exists only if the batch
 * committed; the relay sends it at least once, always with the same event id. This worker does not
 * relay, as if it had died between its commit and the send: nothing reaches the topic until a relay runs.
 */
@TestPropertySource(properties = "storage-catalog.outbox.relay=false")
class OutboxTest extends IngestTestSupport {

    @Autowired
    OutboxRepository outbox;

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void noticesCommitWithTheirBatchAndAreRelayedAtLeastOnceWithStableIds() {
        UUID owner = UUID.randomUUID();
        List<RawRecord> stream = new ArrayList<>();
        stream.add(TestEvents.quotaSet()
                .data("entityId", owner.toString())
                .userId(owner)
                .data("maxStorageBytes", 1_000)
                .data("maxFiles", 100)
                .data("maxFileSizeBytes", 10_000)
                .key("user:" + owner)
                .structured());
        int uploads = 5;
        for (int i = 0; i < uploads; i++) {
            stream.add(TestEvents.upload().userId(owner).data("size", 600).structured());
        }
        try (RecordPublisher publisher = publisher()) {
            // The limit first, then each upload on its own, so that each upload's batch exceeds it.
            publisher.publish(fileEvents, stream.get(0));
            await().atMost(WAIT).until(this::caughtUp);
            for (RawRecord upload : stream.subList(1, stream.size())) {
                publisher.publish(fileEvents, upload);
                await().atMost(WAIT).until(this::caughtUp);
            }
        }

        // Every upload after the first leaves the owner over maxStorageBytes: a notice each, none sent.
        Map<UUID, String> pending = jdbc.query("SELECT event_id, event_type FROM storage_outbox ORDER BY id", rs -> {
            Map<UUID, String> rows = new java.util.LinkedHashMap<>();
            while (rs.next()) {
                rows.put(rs.getObject(1, UUID.class), rs.getString(2));
            }
            return rows;
        });
        assertThat(pending)
                .hasSize(uploads - 1)
                .allSatisfy((id, type) -> assertThat(type).isEqualTo("storage.quota.exceeded"));
        assertThat(TopicReader.read(bootstrap(), catalogEvents, 1, Duration.ofSeconds(2), Duration.ZERO))
                .isEmpty();

        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        OutboxRelay relay = new OutboxRelay(
                outbox, kafka, transactions, new OutboxProperties(true, Duration.ofMillis(100), 2), registry);
        // A relay that sends and then dies before its commit: the events stay in the outbox.
        transactions.executeWithoutResult(status -> {
            relay.relayAll();
            status.setRollbackOnly();
        });
        assertThat(count("SELECT count(*) FROM storage_outbox")).isEqualTo(uploads - 1);
        // The next relay sends them again, with the same ids, and empties the outbox.
        relay.relayAll();
        assertThat(count("SELECT count(*) FROM storage_outbox")).isZero();
        // Both sends were acknowledged by the broker: the counter counts deliveries, resends included.
        assertThat(registry.get(OutboxRelay.PUBLISHED).counter().count()).isEqualTo(2 * (uploads - 1));

        List<ConsumerRecord<String, byte[]>> sent =
                TopicReader.read(bootstrap(), catalogEvents, 2 * (uploads - 1), WAIT, Duration.ofSeconds(1));
        JsonMapper json = JsonMapper.builder().build();
        Map<String, Long> deliveries = sent.stream()
                .map(record -> json.readTree(record.value()))
                .collect(Collectors.groupingBy(event -> event.get("id").asString(), Collectors.counting()));
        assertThat(deliveries.keySet())
                .containsExactlyInAnyOrderElementsOf(
                        pending.keySet().stream().map(UUID::toString).toList());
        assertThat(deliveries.values()).allSatisfy(n -> assertThat(n).isEqualTo(2L));
        JsonNode first = json.readTree(sent.get(0).value());
        assertThat(first.get("type").asString()).isEqualTo("storage.quota.exceeded");
        assertThat(first.get("data").get("entityId").asString()).isEqualTo(owner.toString());
        assertThat(new String(sent.get(0).headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8))
                .isEqualTo(first.get("id").asString());
    }

    private static String bootstrap() {
        return TestInfrastructure.kafka().bootstrapServers();
    }
}
