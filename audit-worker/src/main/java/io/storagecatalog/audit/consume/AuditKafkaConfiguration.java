package io.storagecatalog.audit.consume;

import io.micrometer.core.instrument.MeterRegistry;
import io.storagecatalog.audit.AuditMetrics;
import io.storagecatalog.audit.AuditProperties;
import io.storagecatalog.common.kafka.BatchOffsets;
import io.storagecatalog.common.kafka.ConsumerProgress;
import io.storagecatalog.common.kafka.InfrastructureRetries;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.DefaultErrorHandler;

/** Kafka wiring of the audit worker: infrastructure errors are retried without end; nothing is dead-lettered here. */
@Configuration(proxyBeanMethods = false)
class AuditKafkaConfiguration {

    @Bean
    BatchOffsets batchOffsets(AuditMetrics metrics) {
        return new BatchOffsets(metrics::offsetCommitFailed);
    }

    @Bean
    ConsumerProgress consumerProgress(MeterRegistry registry) {
        return new ConsumerProgress(registry, Clock.systemUTC());
    }

    @Bean
    DefaultErrorHandler auditErrorHandler(AuditProperties properties, ConsumerProgress progress) {
        return InfrastructureRetries.errorHandler(properties.maxBackoff(), progress::failed);
    }
}
