package io.storagecatalog.common.kafka;

import io.storagecatalog.common.event.InvalidEventException;
import io.storagecatalog.common.event.RejectionReason;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;

/**
 * Sends a record that cannot be applied to {@code <topic>-dlt}, unchanged, with headers that say
 * precisely why (besides Spring Kafka's {@code kafka_dlt-original-topic/partition/offset}).
 */
public final class DeadLetters {

    /** The reason in words: the field and the problem ({@code data.size: must be >= 0, was -5}). */
    public static final String REASON_HEADER = "storage-catalog-dlt-reason";
    /** The reason's category, one of {@link RejectionReason}'s labels. */
    public static final String REASON_CLASS_HEADER = "storage-catalog-dlt-reason-class";

    private DeadLetters() {}

    /**
     * A recoverer that publishes synchronously (the caller commits offsets only after the dead letter
     * is stored) to the dead-letter topic of the record's topic. Give it {@link DeadLetterCopy#of} of the
     * record, never the record itself.
     */
    public static DeadLetterPublishingRecoverer recoverer(
            KafkaOperations<?, ?> template, UnaryOperator<String> deadLetterTopic) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(
                template, (record, exception) -> new TopicPartition(deadLetterTopic.apply(record.topic()), -1));
        recoverer.setFailIfSendResultIsError(true);
        // Stack traces say nothing to a producer fixing its event, and may echo payload values.
        recoverer.excludeHeader(DeadLetterPublishingRecoverer.HeaderNames.HeadersToAdd.EX_STACKTRACE);
        recoverer.addHeadersFunction(DeadLetters::reasonHeaders);
        return recoverer;
    }

    static Headers reasonHeaders(ConsumerRecord<?, ?> record, Exception exception) {
        InvalidEventException invalid = find(exception, InvalidEventException.class);
        String reason;
        String reasonClass;
        if (invalid != null) {
            reason = invalid.getMessage();
            reasonClass = invalid.reason().label();
        } else {
            // Only the kind of error: an exception's message may quote the data it failed on.
            Throwable root = exception;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            reason = root.getClass().getSimpleName();
            reasonClass = RejectionReason.NOT_APPLICABLE.label();
        }
        RecordHeaders headers = new RecordHeaders();
        headers.add(REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
        headers.add(REASON_CLASS_HEADER, reasonClass.getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    /** The first exception of the given type in the cause chain, or null. */
    public static <T extends Throwable> T find(Throwable exception, Class<T> type) {
        Throwable current = exception;
        while (current != null) {
            if (type.isInstance(current)) {
                return type.cast(current);
            }
            current = current.getCause() == current ? null : current.getCause();
        }
        return null;
    }
}
