package io.storagecatalog.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.storagecatalog.audit.checkpoint.CheckpointWriter;
import io.storagecatalog.common.audit.AuditArchive;
import io.storagecatalog.common.audit.AuditChainRepository;
import io.storagecatalog.common.audit.AuditKeys;
import io.storagecatalog.common.audit.ChainViolation;
import io.storagecatalog.common.audit.CheckpointStore;
import io.storagecatalog.common.audit.OperationRepository;
import io.storagecatalog.common.audit.TrailAuditor;
import io.storagecatalog.testkit.TestSigningKey;
import java.time.Clock;
import java.util.List;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.annotation.DirtiesContext.ClassMode;
import org.springframework.transaction.support.TransactionTemplate;

/** A trail of its own for each test, the auditor's verifier over it, and an attacker with the database's rights. */
@DirtiesContext(classMode = ClassMode.AFTER_EACH_TEST_METHOD)
abstract class AuditorTestSupport extends AuditTestSupport {

    @Autowired
    CheckpointWriter checkpoints;

    @Autowired
    CheckpointStore checkpointStore;

    @Autowired
    AuditArchive archive;

    @Autowired
    AuditChainRepository chain;

    @Autowired
    OperationRepository operations;

    @Autowired
    TransactionTemplate transactions;

    /** The verifier with the trail's public key only. */
    TrailAuditor auditor() {
        return new TrailAuditor(
                checkpointStore,
                archive,
                verifier,
                chain,
                operations,
                List.of(AuditKeys.readPublicKey(TestSigningKey.publicKeyFile(), "test")),
                Clock.systemUTC());
    }

    ChainViolation violation() {
        TrailAuditor.Audit audit = auditor().audit();
        assertThat(audit.intact()).as("%s", audit).isFalse();
        return audit.result().violation();
    }

    /** Statements run with the triggers off, as the database's owner or superuser could. */
    void asDatabaseAttacker(String... statements) {
        transactions.executeWithoutResult(status -> {
            jdbc.execute("SET LOCAL session_replication_role = replica");
            for (String statement : statements) {
                jdbc.execute(statement);
            }
        });
    }
}
