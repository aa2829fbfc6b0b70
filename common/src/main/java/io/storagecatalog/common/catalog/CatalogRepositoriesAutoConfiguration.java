package io.storagecatalog.common.catalog;

import io.storagecatalog.common.audit.AuditChainRepository;
import io.storagecatalog.common.audit.AuditChainVerifier;
import io.storagecatalog.common.audit.MaintenanceTrail;
import io.storagecatalog.common.audit.OperationRepository;
import io.storagecatalog.common.audit.VerificationRepository;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.data.jdbc.core.JdbcAggregateOperations;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/** The catalog's repositories and the audit chain verifier, for any Spring Boot application with a DataSource. */
@AutoConfiguration(after = JdbcTemplateAutoConfiguration.class)
@ConditionalOnBean(JdbcTemplate.class)
public class CatalogRepositoriesAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    FileRepository fileRepository(JdbcTemplate jdbc) {
        return new FileRepository(jdbc);
    }

    @Bean
    @ConditionalOnMissingBean
    FileSearchRepository fileSearch(JdbcTemplate jdbc) {
        return new FileSearchRepository(jdbc);
    }

    @Bean
    @ConditionalOnMissingBean
    FileStatisticsRepository fileStatistics(JdbcTemplate jdbc) {
        return new FileStatisticsRepository(jdbc);
    }

    @Bean
    @ConditionalOnMissingBean
    FileMaintenanceRepository fileMaintenance(JdbcTemplate jdbc) {
        return new FileMaintenanceRepository(jdbc);
    }

    @Bean
    @ConditionalOnMissingBean
    VersionRepository versionRepository(JdbcTemplate jdbc) {
        return new VersionRepository(jdbc);
    }

    @Bean
    @ConditionalOnMissingBean
    ShareRepository shareRepository(JdbcTemplate jdbc) {
        return new ShareRepository(jdbc);
    }

    @Bean
    @ConditionalOnMissingBean
    QuotaRepository quotaRepository(JdbcTemplate jdbc) {
        return new QuotaRepository(jdbc);
    }

    @Bean
    @ConditionalOnMissingBean
    ProcessedEventRepository processedEventRepository(JdbcTemplate jdbc) {
        return new ProcessedEventRepository(jdbc);
    }

    @Bean
    @ConditionalOnMissingBean
    OperationRepository operationRepository(JdbcTemplate jdbc) {
        return new OperationRepository(jdbc);
    }

    @Bean
    @ConditionalOnMissingBean
    AuditChainRepository auditChainRepository(JdbcTemplate jdbc) {
        return new AuditChainRepository(jdbc);
    }

    @Bean
    @ConditionalOnMissingBean
    MaintenanceTrail maintenanceTrail(AuditChainRepository chain, OperationRepository operations) {
        return new MaintenanceTrail(chain, operations);
    }

    @Bean
    @ConditionalOnMissingBean
    VerificationRepository verificationLog(
            JdbcAggregateOperations aggregates, PlatformTransactionManager transactions) {
        return new VerificationRepository(aggregates, transactions);
    }

    @Bean
    @ConditionalOnMissingBean
    AuditChainVerifier auditChainVerifier(OperationRepository operations, AuditChainRepository chain) {
        return new AuditChainVerifier(operations, chain);
    }
}
