package io.storagecatalog.ingest.consume;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.stereotype.Component;

import io.storagecatalog.common.event.CatalogEvent;
import io.storagecatalog.common.event.EventContract;
import io.storagecatalog.common.event.EventContract.RecordFormat;
import io.storagecatalog.common.event.InvalidEventException;
import io.storagecatalog.common.kafka.CatalogTopics;
import io.storagecatalog.common.kafka.KafkaRecords;
import io.storagecatalog.ingest.IngestMetrics;
import io.storagecatalog.ingest.apply.ApplyResult;
import io.storagecatalog.ingest.apply.EventOutcome;
import io.storagecatalog.ingest.apply.IngestService;
import io.storagecatalog.ingest.quota.QuotaExceededPublisher;

/**
 * Consumes both input topics in batches: parses each record, hands the valid events to
 * {@link IngestService} (one transaction), dead-letters the invalid ones, and returns only when all
 * of it is stored, so that the container then commits the batch's offsets.
 */
@Component
class FileEventListener {

    private static final Logger log = LoggerFactory.getLogger(FileEventListener.class);

    private final EventContract contract;
    private final IngestService ingest;
    private final DeadLetterPublishingRecoverer deadLetters;
    private final QuotaExceededPublisher quotaExceeded;
    private final IngestMetrics metrics;
    private final CatalogTopics topics;

    FileEventListener(EventContract contract, IngestService ingest, DeadLetterPublishingRecoverer deadLetters,
            QuotaExceededPublisher quotaExceeded, IngestMetrics metrics, CatalogTopics topics) {
        this.contract = contract;
        this.ingest = ingest;
        this.deadLetters = deadLetters;
        this.quotaExceeded = quotaExceeded;
        this.metrics = metrics;
        this.topics = topics;
    }

    @KafkaListener(id = "ingest-worker", idIsGroup = false, batch = "true",
            topics = { "${storage-catalog.topics.file-events:storage.file-events}",
                    "${storage-catalog.topics.s3-notifications:storage.s3-notifications}" })
    void onBatch(List<ConsumerRecord<String, byte[]>> records) {
        metrics.batch(records.size());
        List<CatalogEvent> events = new ArrayList<>(records.size());
        List<Integer> recordOfEvent = new ArrayList<>(records.size());
        Map<Integer, InvalidEventException> invalid = new TreeMap<>();
        for (int i = 0; i < records.size(); i++) {
            ConsumerRecord<String, byte[]> record = records.get(i);
            try {
                for (CatalogEvent event : contract.parse(KafkaRecords.toRaw(record), formatOf(record.topic()))) {
                    events.add(event);
                    recordOfEvent.add(i);
                }
            } catch (InvalidEventException e) {
                invalid.put(i, e);
            }
        }

        ApplyResult result = ingest.apply(events);
        Instant committed = Instant.now();

        int stoppedAtRecord = result.stopped() ? recordOfEvent.get(result.stoppedAt()) : records.size();
        Map<Integer, InvalidEventException> rejected = new HashMap<>(invalid);
        result.rejected().forEach((eventIndex, e) -> rejected.putIfAbsent(recordOfEvent.get(eventIndex), e));
        for (Map.Entry<Integer, InvalidEventException> entry : new TreeMap<>(rejected).entrySet()) {
            // Records from the stopping point on are delivered again (applied ones then read as
            // duplicates); their dead letters are sent then, once.
            if (entry.getKey() < stoppedAtRecord) {
                deadLetter(records.get(entry.getKey()), entry.getValue());
            }
        }
        for (int i = 0; i < result.outcomes().size(); i++) {
            CatalogEvent event = events.get(i);
            EventOutcome outcome = result.outcomes().get(i);
            if (outcome == EventOutcome.DEFERRED) {
                continue;
            }
            metrics.event(event.operation().dbValue(), outcome.label());
            if (outcome == EventOutcome.APPLIED) {
                metrics.committed(event.time(), committed);
            }
        }
        quotaExceeded.publish(result.quotaNotices());
        log.debug("batch applied: records={} events={} deadLetters={} stoppedAt={}", records.size(), events.size(),
                rejected.size(), result.stopped() ? stoppedAtRecord : -1);

        if (result.stopped()) {
            throw new BatchListenerFailedException(result.waiting().getMessage(), result.waiting(), stoppedAtRecord);
        }
    }

    private void deadLetter(ConsumerRecord<String, byte[]> record, InvalidEventException reason) {
        log.warn("dead-lettering record: topic={} partition={} offset={} reason=\"{}\"", record.topic(),
                record.partition(), record.offset(), reason.getMessage());
        deadLetters.accept(record, reason);
        metrics.deadLetter(reason.reason().label());
    }

    private RecordFormat formatOf(String topic) {
        return topic.equals(topics.s3Notifications()) ? RecordFormat.S3_NOTIFICATION : RecordFormat.CLOUD_EVENTS;
    }
}
