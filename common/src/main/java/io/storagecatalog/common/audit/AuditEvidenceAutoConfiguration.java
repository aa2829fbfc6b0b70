package io.storagecatalog.common.audit;

import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The trail's evidence for every process with the catalog's database: the signed checkpoints' index and
 * the proofs read from it; the signing key where {@value AuditSigner#SETTING} names one; and the public
 * keys that verify (the signing key's, and the files {@code storage-catalog.audit.trusted-keys} lists).
 */
// By name: the catalog package already depends on this one (its repositories are audit classes).
@AutoConfiguration(afterName = "io.storagecatalog.common.catalog.CatalogRepositoriesAutoConfiguration")
@ConditionalOnBean(JdbcTemplate.class)
public class AuditEvidenceAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    SignedCheckpointRepository signedCheckpointRepository(JdbcTemplate jdbc) {
        return new SignedCheckpointRepository(jdbc);
    }

    @Bean
    @ConditionalOnMissingBean
    AuditProofs auditProofs(SignedCheckpointRepository checkpoints, OperationRepository operations) {
        return new AuditProofs(checkpoints, operations);
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(AuditSigner.SETTING)
    AuditSigner auditSigner(@Value("${" + AuditSigner.SETTING + "}") Path file) {
        return AuditSigner.fromFile(file);
    }

    @Bean
    @ConditionalOnMissingBean
    TrustedKeys trustedKeys(
            ObjectProvider<AuditSigner> signer, @Value("${storage-catalog.audit.trusted-keys:}") String files) {
        List<PublicKey> keys = new ArrayList<>();
        signer.ifAvailable(s -> keys.add(s.publicKey()));
        for (String file : files.split(",")) {
            if (!file.isBlank()) {
                keys.add(AuditKeys.readPublicKey(Path.of(file.strip()), "storage-catalog.audit.trusted-keys"));
            }
        }
        return new TrustedKeys(keys);
    }

    /** The public keys this process verifies signed evidence with. */
    public record TrustedKeys(List<PublicKey> keys) {}
}
