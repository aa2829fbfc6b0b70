package io.storagecatalog.ingest.consume;

import io.micrometer.core.instrument.MeterRegistry;
import io.storagecatalog.common.kafka.BatchOffsets;
import io.storagecatalog.common.kafka.CatalogTopics;
import io.storagecatalog.common.kafka.ConsumerProgress;
import io.storagecatalog.common.kafka.InfrastructureRetries;
import io.storagecatalog.ingest.IngestMetrics;
import io.storagecatalog.ingest.IngestProperties;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.DefaultErrorHandler;

/**
 * Kafka wiring of the worker: content errors are dead-lettered by the listener itself, in one Kafka
 * transaction with the batch's offsets; an event
 * waiting for its file is held back by the listener for a bounded time, then dead-lettered; anything
 * else (database or broker down, deadlock, timeout) is retried without end, with backoff, and never
 * dead-lettered.
 */
@Configuration(proxyBeanMethods = false)
class IngestKafkaConfiguration {

    @Bean(destroyMethod = "close")
    DeadLetterCommit deadLetterCommit(ProducerFactory<String, byte[]> producerFactory, CatalogTopics topics) {
        return new DeadLetterCommit(producerFactory, topics);
    }

    @Bean
    BatchOffsets batchOffsets(IngestMetrics metrics) {
        return new BatchOffsets(() -> metrics.retry("offset_commit"));
    }

    @Bean
    ConsumerProgress consumerProgress(MeterRegistry registry) {
        return new ConsumerProgress(registry, Clock.systemUTC());
    }

    @Bean
    DefaultErrorHandler ingestErrorHandler(
            IngestProperties properties, IngestMetrics metrics, ConsumerProgress progress) {
        return InfrastructureRetries.errorHandler(properties.maxBackoff(), () -> {
            metrics.retry("infrastructure");
            progress.failed();
        });
    }
}
