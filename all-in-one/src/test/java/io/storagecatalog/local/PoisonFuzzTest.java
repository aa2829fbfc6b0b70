package io.storagecatalog.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import io.storagecatalog.local.HostileRecords.Hostile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * No record a producer can publish stops either worker. Hostile records are drawn from the contract's
 * field domains and edges ({@link HostileRecords}), each followed by a valid upload of the same file (so in
 * the same partition, after it), and published to the running pipeline. Then, for every record: applied by
 * the ingest worker and audited exactly once, or dead-lettered by the ingest worker with a reason (and then
 * audited only if the database, not the contract, refused it), and the valid upload after it applied and
 * audited. The audit worker's dead letters hold only events the catalog did not apply.
 *
 * <p>The seed is printed; {@code -Dfuzz.seed=S} replays a run, {@code -Dfuzz.records=N} makes it longer
 * (the build's run has 80 hostile records).
 */
class PoisonFuzzTest {

    private static final String TOPIC = "storage.file-events";
    private static final String INGEST_DLT = TOPIC + "-dlt";
    private static final String AUDIT_DLT = TOPIC + "-audit-dlt";

    @Test
    void noRecordStopsEitherWorkerAndEveryOperationAppliedIsAudited() throws Exception {
        long seed = Long.getLong("fuzz.seed", System.nanoTime());
        int records = Integer.getInteger("fuzz.records", 80);
        System.out.println("PoisonFuzzTest: seed " + seed + ", " + records + " hostile records (replay: -Dfuzz.seed="
                + seed + " -Dfuzz.records=" + records + ")");
        String run = Long.toHexString(seed);
        AtomicInteger files = new AtomicInteger();
        Gen<Hostile> hostile = Generate.constant(() -> "files/fuzz-" + run + "-" + files.incrementAndGet())
                .flatMap(HostileRecords::about);
        // QuickTheories draws the records from the seed; the pipeline then takes them all at once.
        List<Hostile> drawn = new ArrayList<>();
        qt().withFixedSeed(seed)
                .withExamples(records)
                .withShrinkCycles(0)
                .forAll(hostile)
                .checkAssert(drawn::add);
        try (AllInOne pipeline = AllInOne.start(Files.createTempDirectory("fuzz"), LoopbackPorts.allInOne())) {
            check(pipeline, drawn);
        }
    }

    private static void check(AllInOne pipeline, List<Hostile> hostile) {
        try {
            List<Published> published = publish(pipeline.bootstrapServers(), hostile);
            assertThat(new CaughtUp(pipeline.bootstrapServers())
                            .await(
                                    List.of("storage-catalog-ingest", "storage-catalog-audit"),
                                    List.of(TOPIC),
                                    Duration.ofMinutes(3)))
                    .as("both workers handled every record (neither stopped)")
                    .isTrue();
            Map<Long, Map<String, String>> ingestLetters = deadLetters(pipeline.bootstrapServers(), INGEST_DLT);
            Map<Long, Map<String, String>> auditLetters = deadLetters(pipeline.bootstrapServers(), AUDIT_DLT);
            JdbcTemplate jdbc =
                    new JdbcTemplate(new DriverManagerDataSource(pipeline.jdbcUrl(), "postgres", "postgres"));
            for (Published record : published) {
                String what = record.hostile().description();
                // An identity PostgreSQL cannot hold (a NUL, an unpaired surrogate) cannot have been stored.
                boolean storable = storable(record.hostile().eventKey());
                boolean applied = storable
                        && count(
                                        jdbc,
                                        "SELECT count(*) FROM storage_processed_events WHERE event_key = ?",
                                        record.hostile().eventKey())
                                == 1;
                long audited = !storable
                        ? 0
                        : count(
                                jdbc,
                                "SELECT count(*) FROM storage_operations WHERE event_source || ' ' || event_id = ?",
                                record.hostile().eventKey());
                Map<String, String> letter = ingestLetters.get(record.offset(TOPIC));
                if (record.valid()) {
                    assertThat(applied)
                            .as("the valid upload after [%s] applied", record.after())
                            .isTrue();
                    assertThat(audited)
                            .as("the valid upload after [%s] audited once", record.after())
                            .isEqualTo(1);
                } else if (applied) {
                    assertThat(audited)
                            .as("[%s] applied, so audited exactly once", what)
                            .isEqualTo(1);
                    assertThat(auditLetters)
                            .as("[%s] applied, so not set aside by the audit worker", what)
                            .doesNotContainKey(record.offset(TOPIC));
                } else {
                    assertThat(letter)
                            .as("[%s] not applied, so dead-lettered by the ingest worker", what)
                            .isNotNull();
                    assertThat(letter.get("storage-catalog-dlt-reason"))
                            .as("[%s] the dead letter's reason", what)
                            .isNotBlank();
                    if (!"database_rejected".equals(letter.get("storage-catalog-dlt-reason-class"))) {
                        assertThat(audited)
                                .as(
                                        "[%s] refused by the contract (%s), so not audited either",
                                        what, letter.get("storage-catalog-dlt-reason"))
                                .isZero();
                    }
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A record as published: where it went, and whether it was the valid upload after a hostile one. */
    private record Published(Hostile hostile, RecordMetadata metadata, boolean valid, String after) {
        long offset(String topic) {
            return metadata.topic().equals(topic) ? ((long) metadata.partition() << 40) | metadata.offset() : -1;
        }
    }

    private static List<Published> publish(String bootstrapServers, List<Hostile> hostile) throws Exception {
        List<Published> published = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                        4 * 1024 * 1024),
                new StringSerializer(),
                new ByteArraySerializer())) {
            for (Hostile record : hostile) {
                published.add(new Published(record, send(producer, record), false, null));
                Hostile valid = HostileRecords.valid(record.key());
                published.add(new Published(valid, send(producer, valid), true, record.description()));
            }
        }
        return published;
    }

    private static RecordMetadata send(KafkaProducer<String, byte[]> producer, Hostile record) throws Exception {
        ProducerRecord<String, byte[]> message = new ProducerRecord<>(TOPIC, record.key(), record.value());
        record.headers().forEach((name, value) -> message.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        return producer.send(message).get();
    }

    /** The headers of each dead letter, by its original record's partition and offset. */
    private static Map<Long, Map<String, String>> deadLetters(String bootstrapServers, String topic) {
        Map<Long, Map<String, String>> letters = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "fuzz-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest",
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed"),
                new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                for (ConsumerRecord<String, byte[]> letter : consumer.poll(Duration.ofMillis(500))) {
                    Map<String, String> headers = new HashMap<>();
                    for (Header header : letter.headers()) {
                        if (header.key().startsWith("storage-catalog-dlt-") && header.value() != null) {
                            headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
                        }
                    }
                    long partition = java.nio.ByteBuffer.wrap(letter.headers()
                                    .lastHeader("kafka_dlt-original-partition")
                                    .value())
                            .getInt();
                    long offset = java.nio.ByteBuffer.wrap(letter.headers()
                                    .lastHeader("kafka_dlt-original-offset")
                                    .value())
                            .getLong();
                    letters.put((partition << 40) | offset, headers);
                }
            }
        }
        return letters;
    }

    private static boolean storable(String text) {
        return text != null
                && text.indexOf('\0') < 0
                && text.equals(new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
    }

    private static long count(JdbcTemplate jdbc, String sql, Object... arguments) {
        return jdbc.queryForObject(sql, Long.class, arguments);
    }
}
