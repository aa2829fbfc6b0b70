package io.storagecatalog.ingest.consume;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

import io.storagecatalog.common.event.EventContract;
import io.storagecatalog.common.event.InvalidEventException;
import io.storagecatalog.common.kafka.CatalogEventPublisher;
import io.storagecatalog.common.kafka.CatalogTopics;
import io.storagecatalog.common.kafka.DeadLetters;
import io.storagecatalog.common.kafka.KafkaHealthIndicator;
import io.storagecatalog.ingest.IngestMetrics;
import io.storagecatalog.ingest.IngestProperties;
import io.storagecatalog.ingest.apply.FileNotYetKnownException;

/**
 * Error handling of the listener: content errors are dead-lettered by the listener itself; an event
 * waiting for its file is retried for a bounded time, then dead-lettered; anything else (database or
 * broker down, deadlock, timeout) is retried without end, with backoff, and never dead-lettered.
 */
@Configuration(proxyBeanMethods = false)
class IngestKafkaConfiguration {

    @Bean
    EventContract eventContract(IngestProperties properties) {
        return new EventContract(Math.toIntExact(properties.maxRecordSize().toBytes()));
    }

    @Bean
    DeadLetterPublishingRecoverer deadLetterPublishingRecoverer(KafkaTemplate<String, byte[]> template,
            CatalogTopics topics) {
        return DeadLetters.recoverer(template, topics);
    }

    @Bean
    CatalogEventPublisher catalogEventPublisher(KafkaTemplate<String, byte[]> template, CatalogTopics topics) {
        return new CatalogEventPublisher(template, topics, "/storage-catalog/ingest-worker");
    }

    @Bean
    DefaultErrorHandler ingestErrorHandler(DeadLetterPublishingRecoverer deadLetters, IngestProperties properties,
            IngestMetrics metrics) {
        ExponentialBackOff infrastructure = new ExponentialBackOff(500, 2.0);
        infrastructure.setMaxInterval(properties.maxBackoff().toMillis());
        DefaultErrorHandler handler = new DefaultErrorHandler(deadLetters, infrastructure);
        long interval = Math.max(1, properties.unknownFileRetryInterval().toMillis());
        long attempts = Math.max(1, properties.unknownFileRetry().toMillis() / interval);
        handler.setBackOffFunction((record, exception) -> DeadLetters.find(exception,
                FileNotYetKnownException.class) != null ? new FixedBackOff(interval, attempts) : null);
        handler.addNotRetryableExceptions(InvalidEventException.class);
        handler.setRetryListeners(new RetryListener() {
            @Override
            public void failedDelivery(ConsumerRecord<?, ?> record, Exception ex, int deliveryAttempt) {
                metrics.retry(causeOf(ex));
            }

            @Override
            public void failedDelivery(ConsumerRecords<?, ?> records, Exception ex, int deliveryAttempt) {
                metrics.retry(causeOf(ex));
            }
        });
        return handler;
    }

    private static String causeOf(Exception exception) {
        return DeadLetters.find(exception, FileNotYetKnownException.class) != null ? "waiting_for_file"
                : "infrastructure";
    }

    @Bean
    KafkaAdmin.NewTopics catalogTopicsToCreate(CatalogTopics topics) {
        List<NewTopic> newTopics = List.of(
                TopicBuilder.name(topics.fileEvents()).partitions(topics.partitions()).build(),
                TopicBuilder.name(topics.s3Notifications()).partitions(topics.partitions()).build(),
                TopicBuilder.name(topics.deadLetterTopic(topics.fileEvents())).partitions(1).build(),
                TopicBuilder.name(topics.deadLetterTopic(topics.s3Notifications())).partitions(1).build(),
                TopicBuilder.name(topics.catalogEvents()).partitions(topics.partitions()).build());
        return new KafkaAdmin.NewTopics(newTopics.toArray(NewTopic[]::new));
    }

    @Bean
    KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin kafkaAdmin) {
        return new KafkaHealthIndicator(kafkaAdmin);
    }
}
