package io.storagecatalog.ingest.consume;

import io.storagecatalog.common.event.CatalogEvent;
import io.storagecatalog.common.event.EventContract;
import io.storagecatalog.common.event.EventContract.RecordFormat;
import io.storagecatalog.common.event.InvalidEventException;
import io.storagecatalog.common.kafka.BatchOffsets;
import io.storagecatalog.common.kafka.CatalogTopics;
import io.storagecatalog.common.kafka.ConsumerProgress;
import io.storagecatalog.common.kafka.RecordParsing;
import io.storagecatalog.ingest.IngestMetrics;
import io.storagecatalog.ingest.IngestProperties;
import io.storagecatalog.ingest.apply.ApplyResult;
import io.storagecatalog.ingest.apply.EventOutcome;
import io.storagecatalog.ingest.apply.IngestService;
import io.storagecatalog.ingest.quota.QuotaExceededPublisher;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * Consumes both input topics in batches: parses each record, hands the valid events to
 * {@link IngestService} (one transaction), dead-letters the invalid ones, and only then commits the
 * batch's offsets. A partition whose next event waits for its file is committed up to that event,
 * rewound to it and paused for a retry interval; the other partitions go on. Offsets are committed
 * without waiting for the broker ({@link BatchOffsets}).
 */
@Component
class FileEventListener implements DisposableBean {

    static final String LISTENER_ID = "ingest-worker";
    private static final Logger log = LoggerFactory.getLogger(FileEventListener.class);

    private final EventContract contract;
    private final IngestService ingest;
    private final DeadLetterCommit deadLetters;
    private final BatchOffsets batchOffsets;
    private final QuotaExceededPublisher quotaExceeded;
    private final IngestMetrics metrics;
    private final CatalogTopics topics;
    private final KafkaListenerEndpointRegistry registry;
    private final WaitingRecords waiting;
    private final ConsumerProgress progress;
    private final Duration retryInterval;
    private final ScheduledExecutorService resumer =
            Executors.newSingleThreadScheduledExecutor(runnable -> new Thread(runnable, "ingest-partition-resumer"));

    FileEventListener(
            EventContract contract,
            IngestService ingest,
            DeadLetterCommit deadLetters,
            BatchOffsets batchOffsets,
            QuotaExceededPublisher quotaExceeded,
            IngestMetrics metrics,
            CatalogTopics topics,
            KafkaListenerEndpointRegistry registry,
            IngestProperties properties,
            ConsumerProgress progress) {
        this.progress = progress;
        this.contract = contract;
        this.ingest = ingest;
        this.deadLetters = deadLetters;
        this.batchOffsets = batchOffsets;
        this.quotaExceeded = quotaExceeded;
        this.metrics = metrics;
        this.topics = topics;
        this.registry = registry;
        this.waiting = new WaitingRecords(
                properties.unknownFileRetry(),
                longest(
                        Duration.ofSeconds(5),
                        properties.unknownFileRetryInterval().multipliedBy(10)));
        this.retryInterval = properties.unknownFileRetryInterval();
    }

    @KafkaListener(
            id = LISTENER_ID,
            idIsGroup = false,
            batch = "true",
            topics = {
                "${storage-catalog.topics.file-events:storage.file-events}",
                "${storage-catalog.topics.s3-notifications:storage.s3-notifications}"
            })
    void onBatch(List<ConsumerRecord<String, byte[]>> delivered, Consumer<?, ?> consumer) {
        // A batch retried in memory after a failure may hold records of partitions this instance has lost
        // since (a rebalance during the retries): their new owner applies and dead-letters them.
        Set<TopicPartition> assigned = consumer.assignment();
        List<ConsumerRecord<String, byte[]>> records = delivered.stream()
                .filter(record -> assigned.contains(partitionOf(record)))
                .toList();
        if (records.isEmpty()) {
            return;
        }
        progress.received(records);
        metrics.batch(records.size());
        List<CatalogEvent> events = new ArrayList<>(records.size());
        List<Integer> recordOfEvent = new ArrayList<>(records.size());
        Map<Integer, InvalidEventException> rejected = new TreeMap<>();
        List<RecordParsing.Parsed> parsed = RecordParsing.parse(contract, records, this::formatOf);
        for (int i = 0; i < records.size(); i++) {
            if (parsed.get(i).invalid() != null) {
                rejected.put(i, parsed.get(i).invalid());
            }
            for (CatalogEvent event : parsed.get(i).events()) {
                events.add(event);
                recordOfEvent.add(i);
            }
        }

        Instant now = Instant.now();
        ApplyResult result = ingest.apply(events, event -> waiting.waitedLongEnough(event.origin(), now));
        Instant committed = Instant.now();
        metrics.transaction(now, committed);

        // Where each held-back partition resumes: the record of its first waiting event.
        Map<TopicPartition, Long> holdAt = new HashMap<>();
        result.waiting().keySet().forEach(eventIndex -> {
            ConsumerRecord<String, byte[]> record = records.get(recordOfEvent.get(eventIndex));
            holdAt.merge(partitionOf(record), record.offset(), Math::min);
        });
        result.rejected().forEach((eventIndex, e) -> rejected.putIfAbsent(recordOfEvent.get(eventIndex), e));
        List<DeadLetterCommit.Letter> letters = new ArrayList<>();
        rejected.forEach((recordIndex, reason) -> {
            ConsumerRecord<String, byte[]> record = records.get(recordIndex);
            Long hold = holdAt.get(partitionOf(record));
            // A record at or after a hold point comes again; its dead letter is sent then, once.
            if (hold == null || record.offset() < hold) {
                letters.add(new DeadLetterCommit.Letter(record, reason));
            }
        });

        Map<TopicPartition, OffsetAndMetadata> offsets = offsetsToCommit(records, holdAt);
        if (letters.isEmpty()) {
            batchOffsets.commit(consumer, offsets, records);
        } else {
            letters.forEach(letter -> log.warn(
                    "dead-lettering record: topic={} partition={} offset={} reason=\"{}\"",
                    letter.record().topic(),
                    letter.record().partition(),
                    letter.record().offset(),
                    letter.reason().getMessage()));
            batchOffsets.awaitPending(consumer);
            offsets.keySet().retainAll(consumer.assignment());
            deadLetters.sendAndCommit(letters, offsets, consumer.groupMetadata());
            letters.forEach(
                    letter -> metrics.deadLetter(letter.reason().reason().label()));
        }
        holdBack(consumer, holdAt, now);
        progress.completed();
        records.stream()
                .map(FileEventListener::partitionOf)
                .filter(p -> !holdAt.containsKey(p))
                .forEach(waiting::movedOn);

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
        quotaExceeded.counted(result.quotaNotices());
        log.debug(
                "batch applied: records={} events={} deadLetters={} heldBack={}",
                records.size(),
                events.size(),
                rejected.size(),
                holdAt.size());
    }

    private static Map<TopicPartition, OffsetAndMetadata> offsetsToCommit(
            List<ConsumerRecord<String, byte[]>> records, Map<TopicPartition, Long> holdAt) {
        Map<TopicPartition, OffsetAndMetadata> offsets = BatchOffsets.nextOffsets(records);
        // A held-back partition is committed up to its waiting record, which is read again.
        holdAt.forEach((partition, offset) -> offsets.put(partition, new OffsetAndMetadata(offset)));
        return offsets;
    }

    // The waiting record is read again after a pause; its partition's later records wait with it.
    private void holdBack(Consumer<?, ?> consumer, Map<TopicPartition, Long> holdAt, Instant now) {
        if (holdAt.isEmpty()) {
            return;
        }
        MessageListenerContainer container = registry.getListenerContainer(LISTENER_ID);
        holdAt.forEach((partition, offset) -> {
            consumer.seek(partition, offset);
            waiting.waitsAt(partition, offset, now);
            metrics.retry("waiting_for_file");
            if (container != null) {
                container.pausePartition(partition);
                // Resuming cannot fail in a way the listener could act on.
                var unused = resumer.schedule(
                        () -> container.resumePartition(partition), retryInterval.toMillis(), TimeUnit.MILLISECONDS);
            }
        });
    }

    private RecordFormat formatOf(String topic) {
        return topic.equals(topics.s3Notifications()) ? RecordFormat.S3_NOTIFICATION : RecordFormat.CLOUD_EVENTS;
    }

    private static TopicPartition partitionOf(ConsumerRecord<?, ?> record) {
        return new TopicPartition(record.topic(), record.partition());
    }

    @Override
    public void destroy() {
        resumer.shutdownNow();
    }

    private static Duration longest(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
