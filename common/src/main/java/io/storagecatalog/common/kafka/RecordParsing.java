package io.storagecatalog.common.kafka;

import io.storagecatalog.common.event.CatalogEvent;
import io.storagecatalog.common.event.EventContract;
import io.storagecatalog.common.event.EventContract.RecordFormat;
import io.storagecatalog.common.event.InvalidEventException;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Parses a consumed batch, record by record, in the batch's order. A large batch is parsed on more than
 * one core: parsing is the workers' main work outside their database transaction, and a record's
 * parse depends on no other record.
 */
public final class RecordParsing {

    /** Below this many records a batch is parsed on the calling thread alone. */
    static final int PARALLEL_FROM = 256;

    private RecordParsing() {}

    /** One record's result: its events, or why it is not valid. */
    public record Parsed(List<CatalogEvent> events, InvalidEventException invalid) {}

    public static List<Parsed> parse(
            EventContract contract,
            List<ConsumerRecord<String, byte[]>> records,
            Function<String, RecordFormat> formatOfTopic) {
        var stream = records.size() >= PARALLEL_FROM ? records.parallelStream() : records.stream();
        return stream.map(record -> parse(contract, record, formatOfTopic.apply(record.topic())))
                .toList();
    }

    private static Parsed parse(EventContract contract, ConsumerRecord<String, byte[]> record, RecordFormat format) {
        try {
            return new Parsed(contract.parse(KafkaRecords.toRaw(record), format), null);
        } catch (InvalidEventException e) {
            return new Parsed(List.of(), e);
        }
    }
}
