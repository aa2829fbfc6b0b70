package io.storagecatalog.audit.consume;

import io.storagecatalog.common.event.InvalidEventException;
import io.storagecatalog.common.kafka.CatalogTopics;
import io.storagecatalog.common.kafka.DeadLetterCopy;
import io.storagecatalog.common.kafka.DeadLetters;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.stereotype.Component;

/**
 * The audit worker's own dead-letter path ({@code <topic>-audit-dlt}): events the contract accepted but
 * the database refused to append. Records that are not events are not sent here: the ingest worker
 * dead-letters them. Sent synchronously, before the batch's offsets are committed; a crash between the
 * two sends the letter again with the redelivered batch.
 */
@Component
class AuditDeadLetters {

    private final DeadLetterPublishingRecoverer recoverer;

    AuditDeadLetters(KafkaTemplate<String, byte[]> template, CatalogTopics topics) {
        this.recoverer = DeadLetters.recoverer(template, topics::auditDeadLetterTopic);
    }

    void send(ConsumerRecord<String, byte[]> record, InvalidEventException reason) {
        recoverer.accept(DeadLetterCopy.of(record), reason);
    }
}
