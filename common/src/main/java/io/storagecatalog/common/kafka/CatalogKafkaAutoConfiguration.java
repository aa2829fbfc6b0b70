package io.storagecatalog.common.kafka;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;

import io.storagecatalog.common.event.EventContract;
/**
 * What every Kafka-connected process of the catalog shares: its topic names, the topics created when
 * missing, a Kafka health indicator and the publisher of the catalog's own events.
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@ConditionalOnClass(KafkaAdmin.class)
@EnableConfigurationProperties({ CatalogTopics.class, ContractProperties.class })
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
    @ConditionalOnBean(KafkaTemplate.class)
    @ConditionalOnMissingBean
    CatalogEventPublisher catalogEventPublisher(KafkaTemplate<String, byte[]> template, CatalogTopics topics,
            @Value("${spring.application.name:storage-catalog}") String application) {
        return new CatalogEventPublisher(template, topics, "/storage-catalog/" + application);
    }
}
