package io.storagecatalog.common.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.storagecatalog.common.event.EventContract;
import io.storagecatalog.common.outbox.OutboxProperties;
import io.storagecatalog.common.outbox.OutboxRelay;
import io.storagecatalog.common.outbox.OutboxRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What every Kafka-connected process of the catalog shares: its topic names, the topics created when
 * missing, a Kafka health indicator and the publisher of the catalog's own events.
 */
@AutoConfiguration(
        after = {
            KafkaAutoConfiguration.class,
            JdbcTemplateAutoConfiguration.class,
            DataSourceTransactionManagerAutoConfiguration.class
        })
@ConditionalOnClass(KafkaAdmin.class)
@EnableConfigurationProperties({CatalogTopics.class, ContractProperties.class, OutboxProperties.class})
public class CatalogKafkaAutoConfiguration {

    @Bean
    @ConditionalOnBean(KafkaAdmin.class)
    KafkaAdmin.NewTopics catalogTopicsToCreate(CatalogTopics topics) {
        return topics.toCreate();
    }

    @Bean
    @ConditionalOnBean(KafkaAdmin.class)
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
    KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin kafkaAdmin) {
        return new KafkaHealthIndicator(kafkaAdmin);
    }

    @Bean
    @ConditionalOnMissingBean
    EventContract eventContract(ContractProperties properties) {
        return properties.contract();
    }

    @Bean
    @ConditionalOnBean(JdbcTemplate.class)
    @ConditionalOnMissingBean
    OutboxRepository outboxRepository(JdbcTemplate jdbc) {
        return new OutboxRepository(jdbc);
    }

    @Bean
    @ConditionalOnBean(JdbcTemplate.class)
    @ConditionalOnMissingBean
    CatalogEventPublisher catalogEventPublisher(
            OutboxRepository outbox,
            CatalogTopics topics,
            @Value("${spring.application.name:storage-catalog}") String application) {
        return new CatalogEventPublisher(outbox, topics, "/storage-catalog/" + application);
    }

    @Bean
    @ConditionalOnBean({KafkaTemplate.class, JdbcTemplate.class, PlatformTransactionManager.class})
    @ConditionalOnMissingBean
    OutboxRelay outboxRelay(
            OutboxRepository outbox,
            KafkaTemplate<String, byte[]> template,
            PlatformTransactionManager transactionManager,
            OutboxProperties properties,
            ObjectProvider<MeterRegistry> registry) {
        return new OutboxRelay(
                outbox,
                template,
                new TransactionTemplate(transactionManager),
                properties,
                registry.getIfAvailable(SimpleMeterRegistry::new));
    }
}
