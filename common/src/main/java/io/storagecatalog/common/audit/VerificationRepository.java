package io.storagecatalog.common.audit;

import io.storagecatalog.common.jdbc.Sql;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * All SQL of {@code storage_audit_verifications}: every verification's result, so that the one that
 * matters (the latest) is known to every process and survives restarts.
 */
public class VerificationRepository {

    private static final String INSERT = """
            INSERT INTO storage_audit_verifications (intact, from_seq, to_seq, rows_checked, violation_seq)
            VALUES (?, ?, ?, ?, ?)
            """;
    private static final String LATEST = """
            SELECT verified_at, intact FROM storage_audit_verifications ORDER BY id DESC LIMIT 1
            """;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;

    public VerificationRepository(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** The latest verification's time and result. */
    public record Latest(Instant verifiedAt, boolean intact) {}

    /**
     * Records a result in a transaction of its own: a violation fails the job that found it, and its
     * record must not be rolled back with the job's step.
     *
     * @param announcement what else commits with the record (the violation's event, into the outbox)
     */
    public void record(ChainVerification result, Runnable announcement) {
        ownTransaction.executeWithoutResult(status -> {
            jdbc.update(
                    INSERT,
                    result.intact(),
                    result.fromSeq(),
                    result.toSeq(),
                    result.rowsChecked(),
                    result.intact() ? null : result.violation().seq());
            announcement.run();
        });
    }

    public Optional<Latest> latest() {
        return jdbc.query(LATEST, (rs, n) -> new Latest(Sql.time(rs, "verified_at"), rs.getBoolean("intact"))).stream()
                .findFirst();
    }
}
