package io.storagecatalog.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.storagecatalog.common.event.RawRecord;
import io.storagecatalog.common.kafka.DeadLetters;
import io.storagecatalog.common.testing.CloudEventBuilder;
import io.storagecatalog.common.testing.MixedEvents;
import io.storagecatalog.common.testing.RecordPublisher;
import io.storagecatalog.common.testing.TestEvents;
import io.storagecatalog.testkit.TestInfrastructure;
import io.storagecatalog.testkit.TopicReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Malformed records among good ones: each dead-lettered with its reason, none stalls its partition. */
class PoisonTest extends IngestTestSupport {

    private record Poison(RawRecord record, String reasonClass) {}

    @Test
    void deadLettersEveryMalformedRecordAndAppliesEveryGoodOne() {
        List<RawRecord> good = new MixedEvents(7, 6).next(1000);
        List<Poison> poisons = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            CloudEventBuilder upload = TestEvents.upload();
            poisons.add(new Poison(
                    upload.structuredWithValue("{\"specversion\":\"1.0\",".getBytes(StandardCharsets.UTF_8)),
                    "malformed"));
            poisons.add(
                    new Poison(TestEvents.upload().type("storage.file.explode").binary(), "unknown_type"));
            poisons.add(new Poison(TestEvents.upload().data("size", -5).structured(), "invalid_value"));
            poisons.add(
                    new Poison(TestEvents.share().data("password", "hunter2").binary(), "clear_password"));
            poisons.add(new Poison(
                    TestEvents.share().data("passwordHash", "hunter2").structured(), "clear_password"));
            poisons.add(new Poison(TestEvents.upload().without("checksum").binary(), "missing_field"));
            CloudEventBuilder badUtf8 = TestEvents.upload();
            poisons.add(new Poison(
                    badUtf8.binaryWithValue(
                            new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'}),
                    "malformed"));
            poisons.add(new Poison(TestEvents.download().key("another-file").structured(), "key_mismatch"));
            poisons.add(new Poison(
                    TestEvents.upload().data("filename", "a\u0000b.pdf").binary(), "invalid_value"));
            poisons.add(new Poison(TestEvents.upload().data("size", "10").structured(), "invalid_value"));
        }
        List<RawRecord> stream = new ArrayList<>(good);
        Random random = new Random(3);
        for (Poison poison : poisons) {
            stream.add(random.nextInt(stream.size()), poison.record());
        }
        long processedBefore = count("SELECT count(*) FROM storage_processed_events");

        try (RecordPublisher publisher = publisher()) {
            publisher.publish(fileEvents, stream);
        }
        await().atMost(WAIT).until(this::caughtUp);

        List<ConsumerRecord<String, byte[]>> deadLetters = TopicReader.read(
                TestInfrastructure.kafka().bootstrapServers(),
                fileEvents + "-dlt",
                poisons.size(),
                WAIT,
                Duration.ofSeconds(2));
        assertThat(count("SELECT count(*) FROM storage_processed_events") - processedBefore)
                .isEqualTo(1000);
        assertThat(deadLetters).hasSize(50);
        assertThat(reasonClasses(deadLetters))
                .isEqualTo(poisons.stream().collect(Collectors.groupingBy(Poison::reasonClass, Collectors.counting())));
        assertThat(deadLetters)
                .allSatisfy(record -> assertThat(IngestEndToEndTest.header(record, DeadLetters.REASON_HEADER))
                        .isNotBlank());
        assertThat(quotaDrift()).isEmpty();
    }

    private static Map<String, Long> reasonClasses(List<ConsumerRecord<String, byte[]>> records) {
        Map<String, Long> classes = new HashMap<>();
        records.forEach(
                r -> classes.merge(IngestEndToEndTest.header(r, DeadLetters.REASON_CLASS_HEADER), 1L, Long::sum));
        return classes;
    }
}
