package io.storagecatalog.audit.consume;

import io.storagecatalog.audit.AuditMetrics;
import io.storagecatalog.audit.append.AuditAppender;
import io.storagecatalog.audit.append.AuditAppender.Appended;
import io.storagecatalog.audit.append.PartitionChains;
import io.storagecatalog.common.audit.AuditRow;
import io.storagecatalog.common.event.CatalogEvent;
import io.storagecatalog.common.event.EventContract;
import io.storagecatalog.common.event.EventContract.RecordFormat;
import io.storagecatalog.common.event.InvalidEventException;
import io.storagecatalog.common.kafka.BatchOffsets;
import io.storagecatalog.common.kafka.CatalogTopics;
import io.storagecatalog.common.kafka.ConsumerProgress;
import io.storagecatalog.common.kafka.RecordParsing;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes both input topics in its own consumer group and appends one audit row per event,
 * whatever its status. The batch's offsets are committed after its rows, without waiting for the
 * broker ({@link BatchOffsets}). Records that are not valid events are counted and left to the
 * ingest worker, which dead-letters them (one dead letter per bad record, not two). Events the database
 * refuses to append are set aside on the audit worker's own dead-letter topics ({@link AuditDeadLetters})
 * and counted, so that no single record stops the trail.
 */
@Component
class AuditListener {

    private static final Logger log = LoggerFactory.getLogger(AuditListener.class);

    private final EventContract contract;
    private final AuditAppender appender;
    private final AuditMetrics metrics;
    private final CatalogTopics topics;
    private final BatchOffsets batchOffsets;
    private final ConsumerProgress progress;
    private final AuditDeadLetters deadLetters;
    private final PartitionChains chains;

    AuditListener(
            PartitionChains chains,
            EventContract contract,
            AuditAppender appender,
            AuditMetrics metrics,
            CatalogTopics topics,
            BatchOffsets batchOffsets,
            ConsumerProgress progress,
            AuditDeadLetters deadLetters) {
        this.chains = chains;
        this.deadLetters = deadLetters;
        this.progress = progress;
        this.contract = contract;
        this.appender = appender;
        this.metrics = metrics;
        this.topics = topics;
        this.batchOffsets = batchOffsets;
    }

    @KafkaListener(
            id = "audit-worker",
            idIsGroup = false,
            batch = "true",
            topics = {
                "${storage-catalog.topics.file-events:storage.file-events}",
                "${storage-catalog.topics.s3-notifications:storage.s3-notifications}"
            })
    void onBatch(List<ConsumerRecord<String, byte[]>> records, Consumer<?, ?> consumer) {
        progress.received(records);
        List<CatalogEvent> events = new ArrayList<>(records.size());
        List<Integer> recordOfEvent = new ArrayList<>(records.size());
        List<Integer> chainOfEvent = new ArrayList<>(records.size());
        List<RecordParsing.Parsed> parsed = RecordParsing.parse(contract, records, this::formatOf);
        for (int i = 0; i < records.size(); i++) {
            InvalidEventException e = parsed.get(i).invalid();
            if (e == null) {
                for (CatalogEvent event : parsed.get(i).events()) {
                    events.add(event);
                    recordOfEvent.add(i);
                    chainOfEvent.add(chains.of(records.get(i).partition()));
                }
            } else {
                ConsumerRecord<String, byte[]> record = records.get(i);
                metrics.invalid(e.reason().label());
                log.debug(
                        "not an event, left to the ingest worker's dead letters: topic={} partition={} offset={} "
                                + "reason=\"{}\"",
                        record.topic(),
                        record.partition(),
                        record.offset(),
                        e.getMessage());
            }
        }
        Instant begun = Instant.now();
        Appended appended = appender.append(
                events, chainOfEvent.stream().mapToInt(Integer::intValue).toArray());
        Instant committed = Instant.now();
        metrics.transaction(begun, committed);
        // A record of several events (an S3 notification) is set aside once, for its first refused event.
        Map<Integer, InvalidEventException> setAside = new TreeMap<>();
        appended.rejected()
                .forEach((eventIndex, reason) -> setAside.putIfAbsent(recordOfEvent.get(eventIndex), reason));
        setAside.forEach((recordIndex, reason) -> {
            ConsumerRecord<String, byte[]> record = records.get(recordIndex);
            log.error(
                    "audit row refused by the database, dead-lettered: topic={} partition={} offset={} reason=\"{}\"",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    reason.getMessage());
            deadLetters.send(record, reason);
            metrics.deadLettered(reason.reason().label());
        });
        batchOffsets.commit(consumer, BatchOffsets.nextOffsets(records), records);
        progress.completed();
        metrics.batch(appended.rows().size());
        metrics.duplicates(appended.duplicates());
        metrics.chainLength(appended.head());
        for (AuditRow row : appended.rows()) {
            metrics.appended(row.operation(), row.status());
            metrics.committed(row.createdAt(), committed);
        }
        log.debug(
                "audit batch appended: records={} rows={} duplicates={} head={}",
                records.size(),
                appended.rows().size(),
                appended.duplicates(),
                appended.head());
    }

    private RecordFormat formatOf(String topic) {
        return topic.equals(topics.s3Notifications()) ? RecordFormat.S3_NOTIFICATION : RecordFormat.CLOUD_EVENTS;
    }
}
