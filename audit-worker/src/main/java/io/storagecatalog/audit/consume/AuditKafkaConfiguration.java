package io.storagecatalog.audit.consume;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DefaultErrorHandler;

import io.storagecatalog.audit.AuditProperties;
import io.storagecatalog.common.event.EventContract;
import io.storagecatalog.common.kafka.CatalogEventPublisher;
import io.storagecatalog.common.kafka.CatalogTopics;
import io.storagecatalog.common.kafka.InfrastructureRetries;
import io.storagecatalog.common.kafka.KafkaHealthIndicator;

/** Kafka wiring of the audit worker: infrastructure errors are retried without end; nothing is dead-lettered here. */
@Configuration(proxyBeanMethods = false)
class AuditKafkaConfiguration {

    @Bean
    EventContract eventContract(AuditProperties properties) {
        return new EventContract(Math.toIntExact(properties.maxRecordSize().toBytes()));
    }

    @Bean
    DefaultErrorHandler auditErrorHandler(AuditProperties properties) {
        return InfrastructureRetries.errorHandler(properties.maxBackoff(), () -> { });
    }

    @Bean
    CatalogEventPublisher catalogEventPublisher(KafkaTemplate<String, byte[]> template, CatalogTopics topics) {
        return new CatalogEventPublisher(template, topics, "/storage-catalog/audit-worker");
    }

    @Bean
    KafkaAdmin.NewTopics catalogTopicsToCreate(CatalogTopics topics) {
        return topics.toCreate();
    }

    @Bean
    KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin kafkaAdmin) {
        return new KafkaHealthIndicator(kafkaAdmin);
    }
}
