package io.storagecatalog.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the database refuses although the contract accepted it is set aside alone, by each worker: the
 * events before and after it in its partition are applied and audited, the refused one goes to each
 * worker's dead-letter topic with the SQLSTATE and the schema's names, and nothing is retried forever.
 * The refusal is staged with constraints the contract does not know.
 */
class DatabaseRejectionTest {

    private static final String POISON = "poison";

    @Test
    void eachWorkerSetsAsideTheEventTheDatabaseRefusesAndGoesOn() throws Exception {
        try (AllInOne pipeline = AllInOne.start(Files.createTempDirectory("rejection"), LoopbackPorts.allInOne())) {
            JdbcTemplate jdbc =
                    new JdbcTemplate(new DriverManagerDataSource(pipeline.jdbcUrl(), "postgres", "postgres"));
            // Each upload's version row keeps its name, whatever uploads of the file follow in the batch.
            jdbc.execute("ALTER TABLE storage_file_versions ADD CONSTRAINT staged_refusal CHECK (filename <> '" + POISON
                    + ".pdf')");
            jdbc.execute("ALTER TABLE storage_operations ADD CONSTRAINT staged_refusal CHECK (correlation_id <> '"
                    + POISON + "')");
            String file = "files/" + UUID.randomUUID() + ".pdf";
            List<String> ids = List.of(
                    UUID.randomUUID().toString(),
                    UUID.randomUUID().toString(),
                    UUID.randomUUID().toString());
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                    Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, pipeline.bootstrapServers()),
                    new StringSerializer(),
                    new ByteArraySerializer())) {
                producer.send(upload(file, ids.get(0), "scan.pdf", "c-1")).get();
                producer.send(upload(file, ids.get(1), POISON + ".pdf", POISON)).get();
                producer.send(upload(file, ids.get(2), "scan-2.pdf", "c-3")).get();
            }
            assertThat(new CaughtUp(pipeline.bootstrapServers())
                            .await(
                                    List.of("storage-catalog-ingest", "storage-catalog-audit"),
                                    List.of("storage.file-events"),
                                    Duration.ofMinutes(2)))
                    .as("both workers went past the refused event")
                    .isTrue();

            assertThat(jdbc.queryForList(
                            "SELECT event_key FROM storage_processed_events WHERE event_key LIKE '/rejection %'",
                            String.class))
                    .containsExactlyInAnyOrder("/rejection " + ids.get(0), "/rejection " + ids.get(2));
            assertThat(jdbc.queryForList(
                            "SELECT event_id FROM storage_operations WHERE event_source = '/rejection'", String.class))
                    .containsExactlyInAnyOrder(ids.get(0), ids.get(2));

            ConsumerRecord<String, byte[]> ingestLetter = onlyLetter(pipeline, "storage.file-events-dlt");
            assertThat(header(ingestLetter, "storage-catalog-dlt-reason-class")).isEqualTo("database_rejected");
            assertThat(header(ingestLetter, "storage-catalog-dlt-reason"))
                    .isEqualTo("event: rejected by the "
                            + "database: SQLSTATE 23514 (integrity constraint violation), table storage_file_versions, "
                            + "constraint staged_refusal");
            ConsumerRecord<String, byte[]> auditLetter = onlyLetter(pipeline, "storage.file-events-audit-dlt");
            assertThat(header(auditLetter, "storage-catalog-dlt-reason"))
                    .isEqualTo("event: rejected by the "
                            + "database: SQLSTATE 23514 (integrity constraint violation), table storage_operations, "
                            + "constraint staged_refusal")
                    .doesNotContain(POISON + ".pdf", file);
            assertThat(pipeline.worker("audit-worker")
                            .getBean(MeterRegistry.class)
                            .get("storage_catalog_audit_dead_letters")
                            .tag("reason", "database_rejected")
                            .counter()
                            .count())
                    .isEqualTo(1);
        }
    }

    private static ProducerRecord<String, byte[]> upload(String file, String id, String filename, String correlation) {
        ObjectNode event = JsonMapper.builder()
                .build()
                .createObjectNode()
                .put("specversion", "1.0")
                .put("id", id)
                .put("source", "/rejection")
                .put("type", "storage.file.upload")
                .put("time", Instant.now().toString());
        event.putObject("data")
                .put("fileId", file)
                // One owner per file: a later upload by anyone else would be refused as forbidden.
                .put(
                        "userId",
                        UUID.nameUUIDFromBytes(("owner of " + file).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                                .toString())
                .put("filename", filename)
                .put("mimeType", "application/pdf")
                .put("size", 10)
                .put("checksum", "0".repeat(64))
                .put("provider", "minio")
                .put("providerPath", "catalog/" + file)
                .put("correlationId", correlation);
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(
                "storage.file-events", file, JsonMapper.builder().build().writeValueAsBytes(event));
        record.headers().add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
        return record;
    }

    private static ConsumerRecord<String, byte[]> onlyLetter(AllInOne pipeline, String topic) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        pipeline.bootstrapServers(),
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed"),
                new StringDeserializer(),
                new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            List<ConsumerRecord<String, byte[]>> letters = new java.util.ArrayList<>();
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            while (consumer.position(partition) < end) {
                consumer.poll(Duration.ofMillis(500)).forEach(letters::add);
            }
            assertThat(letters).as(topic).hasSize(1);
            return letters.get(0);
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
