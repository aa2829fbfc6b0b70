package io.storagecatalog.common.service;

import io.storagecatalog.common.audit.AuditArchive;
import io.storagecatalog.common.audit.AuditChainRepository;
import io.storagecatalog.common.audit.AuditEvidenceAutoConfiguration;
import io.storagecatalog.common.audit.AuditRotation;
import io.storagecatalog.common.audit.AuditSigner;
import io.storagecatalog.common.audit.OperationRepository;
import io.storagecatalog.common.audit.SignedCheckpointRepository;
import io.storagecatalog.common.catalog.CatalogFiles;
import io.storagecatalog.common.catalog.CatalogRepositoriesAutoConfiguration;
import io.storagecatalog.common.catalog.FileMaintenanceRepository;
import io.storagecatalog.common.catalog.FileRepository;
import io.storagecatalog.common.catalog.FileSearchRepository;
import io.storagecatalog.common.catalog.FileStatisticsRepository;
import io.storagecatalog.common.catalog.QuotaRepository;
import io.storagecatalog.common.catalog.ShareRepository;
import io.storagecatalog.common.catalog.VersionRepository;
import io.storagecatalog.common.kafka.CatalogEventPublisher;
import io.storagecatalog.common.kafka.CatalogKafkaAutoConfiguration;
import io.storagecatalog.common.kafka.CatalogTopics;
import io.storagecatalog.common.outbox.OutboxRepository;
import io.storagecatalog.common.s3.ObjectStore;
import io.storagecatalog.common.s3.ObjectStoreProperties;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;

/** {@link StorageDatabaseService} for any Spring Boot application with the catalog's database and Kafka. */
@AutoConfiguration(
        after = {
            CatalogRepositoriesAutoConfiguration.class,
            CatalogKafkaAutoConfiguration.class,
            AuditEvidenceAutoConfiguration.class
        })
@ConditionalOnBean({JdbcTemplate.class, KafkaTemplate.class})
@EnableConfigurationProperties({ServiceProperties.class, ObjectStoreProperties.class})
public class StorageDatabaseServiceAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    FileEventPublisher fileEventPublisher(OutboxRepository outbox, CatalogTopics topics) {
        return new FileEventPublisher(outbox, topics, Clock.systemUTC());
    }

    /** The object store and the rotation path, for cleanupOldOperations, when the store and the signing key are configured. */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty("storage-catalog.s3.endpoint")
    @ConditionalOnClass(name = "io.minio.MinioClient")
    ObjectStore objectStore(ObjectStoreProperties properties) {
        return new ObjectStore(properties);
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean({ObjectStore.class, AuditSigner.class})
    AuditRotation auditRotation(
            OperationRepository operations,
            ObjectStore store,
            SignedCheckpointRepository checkpoints,
            AuditChainRepository chain,
            AuditSigner signer,
            @Value("${storage-catalog.jobs.audit-rotation.archive-bucket:storage-catalog-audit}") String bucket) {
        return new AuditRotation(
                operations, new AuditArchive(store, bucket, signer), checkpoints, chain, signer.publicKey());
    }

    @Bean
    @ConditionalOnMissingBean
    StorageDatabaseService storageDatabaseService(
            FileRepository files,
            FileSearchRepository search,
            FileStatisticsRepository statistics,
            FileMaintenanceRepository maintenance,
            VersionRepository versions,
            ShareRepository shares,
            QuotaRepository quotas,
            OperationRepository operations,
            AuditChainRepository chain,
            JdbcTemplate jdbc,
            FileEventPublisher fileEvents,
            CatalogEventPublisher catalogEvents,
            ObjectProvider<AuditRotation> rotation,
            ServiceProperties properties) {
        return new StorageDatabaseService(
                new CatalogFiles(files, search, statistics, maintenance),
                versions,
                shares,
                quotas,
                operations,
                chain,
                jdbc,
                fileEvents,
                catalogEvents,
                rotation.getIfAvailable(),
                properties,
                Clock.systemUTC());
    }
}
