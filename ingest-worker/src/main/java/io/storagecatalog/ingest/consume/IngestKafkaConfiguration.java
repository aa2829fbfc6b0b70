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

import io.storagecatalog.common.event.EventContract;
import io.storagecatalog.common.kafka.CatalogEventPublisher;
import io.storagecatalog.common.kafka.CatalogTopics;
import io.storagecatalog.common.kafka.DeadLetters;
import io.storagecatalog.common.kafka.KafkaHealthIndicator;
import io.storagecatalog.ingest.IngestMetrics;
import io.storagecatalog.ingest.IngestProperties;

/**
 * Kafka wiring of the worker: content errors are dead-lettered by the listener itself; an event
 * waiting for its file is held back by the listener for a bounded time, then dead-lettered; anything
 * else (database or broker down, deadlock, timeout) is retried without end, with backoff, and never
 * dead-lettered.
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

    /**
     * Errors that reach the container are infrastructure errors (content errors and events waiting for
     * their file are handled by the listener): the batch is retried with backoff, without end, and is
     * never dead-lettered.
     */
    @Bean
    DefaultErrorHandler ingestErrorHandler(IngestProperties properties, IngestMetrics metrics) {
        ExponentialBackOff infrastructure = new ExponentialBackOff(500, 2.0);
        infrastructure.setMaxInterval(properties.maxBackoff().toMillis());
        DefaultErrorHandler handler = new DefaultErrorHandler((record, exception) -> {
            throw new IllegalStateException("infrastructure retries never end", exception);
        }, infrastructure);
        handler.setRetryListeners(new RetryListener() {
            @Override
            public void failedDelivery(ConsumerRecord<?, ?> record, Exception ex, int deliveryAttempt) {
                metrics.retry("infrastructure");
            }

            @Override
            public void failedDelivery(ConsumerRecords<?, ?> records, Exception ex, int deliveryAttempt) {
                metrics.retry("infrastructure");
            }
        });
        return handler;
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
