package io.storagecatalog.common.kafka;

import io.storagecatalog.common.event.RawRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/** Converts Kafka client records into the contract's {@link RawRecord}. */
final class KafkaRecords {

    private KafkaRecords() {}

    public static RawRecord toRaw(ConsumerRecord<String, byte[]> record) {
        Map<String, String> headers = new HashMap<>();
        for (Header header : record.headers()) {
            if (header.value() != null) {
                headers.put(header.key().toLowerCase(Locale.ROOT), new String(header.value(), StandardCharsets.UTF_8));
            }
        }
        Instant timestamp = record.timestamp() >= 0 ? Instant.ofEpochMilli(record.timestamp()) : Instant.now();
        return new RawRecord(
                record.topic(), record.partition(), record.offset(), record.key(), headers, record.value(), timestamp);
    }
}
