package io.storagecatalog.common.audit;

import java.time.Instant;
import java.util.Optional;
import org.springframework.data.domain.Sort;
import org.springframework.data.jdbc.core.JdbcAggregateOperations;
import org.springframework.data.relational.core.query.Query;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code storage_audit_verifications}: every verification's result, so that the one that matters (the
 * latest) is known to every process and survives restarts. A verification is an aggregate written once
 * and read whole, a few a day: Spring Data JDBC maps it ({@link VerificationRecord}), no SQL is written here.
 */
public class VerificationRepository {

    // The latest by the primary key's order: one row through its index, however long the history.
    private static final Query LATEST =
            Query.empty().sort(Sort.by(Sort.Direction.DESC, "id")).limit(1);

    private final JdbcAggregateOperations aggregates;
    private final TransactionTemplate ownTransaction;

    public VerificationRepository(JdbcAggregateOperations aggregates, PlatformTransactionManager transactions) {
        this.aggregates = aggregates;
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
            aggregates.insert(VerificationRecord.of(result));
            announcement.run();
        });
    }

    public Optional<Latest> latest() {
        return aggregates
                .findOne(LATEST, VerificationRecord.class)
                .map(record -> new Latest(record.verifiedAt(), record.intact()));
    }
}
