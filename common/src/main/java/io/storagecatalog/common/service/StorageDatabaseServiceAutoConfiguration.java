package io.storagecatalog.common.service;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;

import io.storagecatalog.common.audit.AuditChainRepository;
import io.storagecatalog.common.audit.AuditRotation;
import io.storagecatalog.common.audit.OperationRepository;
import io.storagecatalog.common.catalog.CatalogRepositoriesAutoConfiguration;
import io.storagecatalog.common.catalog.FileRepository;
import io.storagecatalog.common.catalog.QuotaRepository;
import io.storagecatalog.common.catalog.ShareRepository;
import io.storagecatalog.common.catalog.VersionRepository;
import io.storagecatalog.common.kafka.CatalogEventPublisher;
import io.storagecatalog.common.kafka.CatalogKafkaAutoConfiguration;
import io.storagecatalog.common.kafka.CatalogTopics;

/** {@link StorageDatabaseService} for any Spring Boot application with the catalog's database and Kafka. */
@AutoConfiguration(after = { CatalogRepositoriesAutoConfiguration.class, CatalogKafkaAutoConfiguration.class })
@ConditionalOnBean({ JdbcTemplate.class, KafkaTemplate.class })
@EnableConfigurationProperties(ServiceProperties.class)
public class StorageDatabaseServiceAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    FileEventPublisher fileEventPublisher(KafkaTemplate<String, byte[]> kafka, CatalogTopics topics) {
        return new FileEventPublisher(kafka, topics);
    }

    @Bean
    @ConditionalOnMissingBean
    StorageDatabaseService storageDatabaseService(FileRepository files, VersionRepository versions,
            ShareRepository shares, QuotaRepository quotas, OperationRepository operations,
            AuditChainRepository chain, JdbcTemplate jdbc, FileEventPublisher fileEvents,
            CatalogEventPublisher catalogEvents, ObjectProvider<AuditRotation> rotation, ServiceProperties properties) {
        return new StorageDatabaseService(files, versions, shares, quotas, operations, chain, jdbc, fileEvents,
                catalogEvents, rotation.getIfAvailable(), properties, Clock.systemUTC());
    }
}
