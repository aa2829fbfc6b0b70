package io.storagecatalog.jobs;

import io.storagecatalog.common.audit.AuditArchive;
import io.storagecatalog.common.audit.AuditChainRepository;
import io.storagecatalog.common.audit.AuditRotation;
import io.storagecatalog.common.audit.AuditSigner;
import io.storagecatalog.common.audit.CheckpointStore;
import io.storagecatalog.common.audit.OperationRepository;
import io.storagecatalog.common.audit.SignedCheckpointRepository;
import io.storagecatalog.common.s3.ObjectStore;
import io.storagecatalog.common.s3.ObjectStoreProperties;
import java.util.Arrays;
import java.util.Map;
import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableConfigurationProperties(ObjectStoreProperties.class)
@EnableScheduling
@EnableSchedulerLock(defaultLockAtMostFor = "PT1H")
public class MaintenanceJobsApplication {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(MaintenanceJobsApplication.class);
        if (Arrays.stream(args).anyMatch(arg -> arg.startsWith("--job="))) {
            // A one-off run from the command line: no schedules, no web server; exit with the job's outcome.
            application.setDefaultProperties(
                    Map.of("storage-catalog.jobs.scheduling", "false", "spring.main.web-application-type", "none"));
            ConfigurableApplicationContext context = application.run(args);
            System.exit(SpringApplication.exit(context));
        }
        application.run(args);
    }

    /** ShedLock over the shedlock table, comparing lock times with the database's clock. */
    @Bean
    LockProvider lockProvider(DataSource dataSource) {
        return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(new JdbcTemplate(dataSource))
                .usingDbTime()
                .build());
    }

    @Bean
    @org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean
    io.storagecatalog.jobs.run.JobFaults jobFaults() {
        return io.storagecatalog.jobs.run.JobFaults.NONE;
    }

    @Bean
    ObjectStore objectStore(ObjectStoreProperties properties) {
        return new ObjectStore(properties);
    }

    @Bean
    CheckpointStore checkpointStore(ObjectStore store, JobsProperties properties) {
        return new CheckpointStore(store, properties.auditRotation().archiveBucket(), null);
    }

    @Bean
    AuditArchive auditArchive(ObjectStore store, JobsProperties properties, AuditSigner signer) {
        return new AuditArchive(store, properties.auditRotation().archiveBucket(), signer);
    }

    @Bean
    AuditRotation auditRotation(
            OperationRepository operations,
            AuditArchive archive,
            SignedCheckpointRepository checkpoints,
            AuditChainRepository chain,
            AuditSigner signer) {
        return new AuditRotation(operations, archive, checkpoints, chain, signer.publicKey());
    }
}
