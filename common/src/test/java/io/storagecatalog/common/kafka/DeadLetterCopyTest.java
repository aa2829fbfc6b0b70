package io.storagecatalog.common.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class DeadLetterCopyTest {

    @Test
    void aRecordTooLargeToCopyGoesAsItsFingerprint() {
        byte[] value = new byte[DeadLetterCopy.MAX_WHOLE_BYTES + 1];
        Arrays.fill(value, (byte) 'x');
        ConsumerRecord<String, byte[]> copy = DeadLetterCopy.of(record("files/a", value));

        assertThat(copy.value()).isNull();
        assertThat(copy.key()).isNull();
        assertThat(header(copy, DeadLetterCopy.VALUE_BYTES_HEADER)).isEqualTo(Integer.toString(value.length));
        assertThat(header(copy, DeadLetterCopy.VALUE_SHA256_HEADER))
                .isEqualTo(DeadLetterCopy.sha256(value))
                .hasSize(64);
        assertThat(copy.topic()).isEqualTo("storage.file-events");
        assertThat(copy.offset()).isEqualTo(42);
        assertThat(DeadLetterCopy.size(copy)).isLessThan(1024);
    }

    @Test
    void aShareIsCopiedWithoutItsPasswords() {
        String structured = "{\"specversion\":\"1.0\",\"type\":\"storage.file.share\",\"data\":{\"fileId\":\"f\","
                + "\"password\":\"hunter2\",\"passwordHash\":\"hunter3\"}}";
        ConsumerRecord<String, byte[]> copy = DeadLetterCopy.of(record("f", utf8(structured)));
        assertThat(new String(copy.value(), StandardCharsets.UTF_8))
                .doesNotContain("hunter")
                .contains("\"fileId\"");
        assertThat(header(copy, DeadLetterCopy.OMITTED_HEADER)).isEqualTo("password");

        ConsumerRecord<String, byte[]> binary = DeadLetterCopy.of(record("f", utf8("{\"password\":\"hunter2\"}")));
        assertThat(new String(binary.value(), StandardCharsets.UTF_8)).isEqualTo("{}");

        ConsumerRecord<String, byte[]> unreadable = DeadLetterCopy.of(record("f", utf8("password=hunter2")));
        assertThat(unreadable.value()).isEmpty();
    }

    @Test
    void anyOtherRecordIsCopiedAsItIs() {
        ConsumerRecord<String, byte[]> record = record("f", utf8("{\"data\":{\"fileId\":\"f\"}}"));
        assertThat(DeadLetterCopy.of(record)).isSameAs(record);
    }

    private static ConsumerRecord<String, byte[]> record(String key, byte[] value) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("content-type", utf8("application/cloudevents+json"));
        return new ConsumerRecord<>(
                "storage.file-events",
                3,
                42,
                0L,
                TimestampType.CREATE_TIME,
                key.length(),
                value.length,
                key,
                value,
                headers,
                java.util.Optional.empty());
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
