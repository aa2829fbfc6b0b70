package io.storagecatalog.audit;

import io.storagecatalog.common.audit.AuditChainRepository;
import io.storagecatalog.common.audit.AuditChainVerifier;
import io.storagecatalog.common.audit.CheckpointStore;
import io.storagecatalog.common.audit.IntegrityVerification;
import io.storagecatalog.common.audit.VerificationRepository;
import io.storagecatalog.common.kafka.CatalogEventPublisher;
import io.storagecatalog.common.s3.ObjectStore;
import io.storagecatalog.common.s3.ObjectStoreProperties;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableConfigurationProperties(ObjectStoreProperties.class)
@EnableScheduling
public class AuditWorkerApplication {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(AuditWorkerApplication.class);
        if (Arrays.asList(args).contains("--verify")) {
            // A one-off command: no listener, no web server, no scheduled checkpoints.
            application.setDefaultProperties(java.util.Map.of(
                    "spring.kafka.listener.auto-startup",
                    "false",
                    "spring.main.web-application-type",
                    "none",
                    "storage-catalog.audit.checkpoints",
                    "false"));
            ConfigurableApplicationContext context = application.run(args);
            System.exit(SpringApplication.exit(context));
        }
        application.run(args);
    }

    @Bean
    ObjectStore objectStore(ObjectStoreProperties properties) {
        return new ObjectStore(properties);
    }

    @Bean
    CheckpointStore checkpointStore(ObjectStore store, AuditProperties properties) {
        return new CheckpointStore(store, properties.checkpointBucket());
    }

    @Bean
    IntegrityVerification integrityVerification(
            AuditChainVerifier verifier,
            AuditChainRepository chain,
            CheckpointStore checkpoints,
            CatalogEventPublisher publisher,
            VerificationRepository verificationLog) {
        return new IntegrityVerification(verifier, chain, checkpoints, publisher, verificationLog);
    }
}
