package io.storagecatalog.audit;

import io.storagecatalog.audit.verify.OfflineCommands;
import io.storagecatalog.common.audit.AuditArchive;
import io.storagecatalog.common.audit.AuditChainRepository;
import io.storagecatalog.common.audit.AuditChainVerifier;
import io.storagecatalog.common.audit.AuditEvidenceAutoConfiguration.TrustedKeys;
import io.storagecatalog.common.audit.AuditSigner;
import io.storagecatalog.common.audit.CheckpointSealer;
import io.storagecatalog.common.audit.CheckpointStore;
import io.storagecatalog.common.audit.IntegrityVerification;
import io.storagecatalog.common.audit.OperationRepository;
import io.storagecatalog.common.audit.SignedCheckpointRepository;
import io.storagecatalog.common.audit.TrailAuditor;
import io.storagecatalog.common.audit.VerificationRepository;
import io.storagecatalog.common.kafka.CatalogEventPublisher;
import io.storagecatalog.common.s3.ObjectStore;
import io.storagecatalog.common.s3.ObjectStoreProperties;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.MapPropertySource;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.transaction.support.TransactionTemplate;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableConfigurationProperties(ObjectStoreProperties.class)
@EnableScheduling
public class AuditWorkerApplication {

    /** The one-off commands that read the catalog and exit: no listener, no web server, no checkpoints. */
    private static final String[] COMMANDS = {"--verify", "--audit", "--prove=", "--prove-consistency="};

    public static void main(String[] args) {
        if (OfflineCommands.handles(args)) {
            System.exit(OfflineCommands.run(args, System.out, System.err));
        }
        SpringApplication application = new SpringApplication(AuditWorkerApplication.class);
        if (Arrays.stream(args).anyMatch(arg -> Arrays.stream(COMMANDS).anyMatch(arg::startsWith))) {
            Map<String, Object> command = Map.of(
                    "spring.kafka.listener.auto-startup",
                    "false",
                    // No topic to create: a command may run where the broker is out of reach.
                    "spring.kafka.admin.auto-create",
                    "false",
                    "storage-catalog.audit.checkpoints",
                    "false",
                    "storage-catalog.monitoring.credentials-required",
                    "false",
                    // The commands only read: an auditor's read-only login cannot (and need not) migrate.
                    "spring.flyway.enabled",
                    "false",
                    // The running workers relay what a command puts in the outbox (a violation's event).
                    "storage-catalog.outbox.relay",
                    "false");
            // Decided before any property source is read: set here, not as properties. The result goes
            // to standard output (a proof's JSON, redirected to a file): no banner, and logs to stderr.
            application.setWebApplicationType(WebApplicationType.NONE);
            application.setBannerMode(Banner.Mode.OFF);
            application.setDefaultProperties(Map.of("logging.config", "classpath:logback-command.xml"));
            // Above the worker's application.yml: a command is not a worker, whatever the file says.
            application.addInitializers(context -> context.getEnvironment()
                    .getPropertySources()
                    .addFirst(new MapPropertySource("audit-command", command)));
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
        return new CheckpointStore(store, properties.checkpointBucket(), properties.checkpointRetention());
    }

    @Bean
    AuditArchive auditArchive(ObjectStore store, AuditProperties properties) {
        return new AuditArchive(store, properties.checkpointBucket(), null);
    }

    @Bean
    @ConditionalOnProperty(AuditSigner.SETTING)
    CheckpointSealer checkpointSealer(
            SignedCheckpointRepository checkpoints,
            AuditChainRepository chain,
            OperationRepository operations,
            CheckpointStore store,
            AuditSigner signer,
            TransactionTemplate transactions,
            AuditProperties properties) {
        return new CheckpointSealer(
                checkpoints,
                chain,
                operations,
                store,
                signer,
                transactions,
                properties.checkpointInterval(),
                Clock.systemUTC());
    }

    @Bean
    IntegrityVerification integrityVerification(
            CheckpointStore checkpoints,
            AuditArchive archive,
            AuditChainVerifier verifier,
            AuditChainRepository chain,
            OperationRepository operations,
            TrustedKeys keys,
            CatalogEventPublisher publisher,
            VerificationRepository verificationLog) {
        return new IntegrityVerification(
                new TrailAuditor(checkpoints, archive, verifier, chain, operations, keys.keys(), Clock.systemUTC()),
                publisher,
                verificationLog);
    }
}
