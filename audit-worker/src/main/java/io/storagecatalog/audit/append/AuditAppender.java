package io.storagecatalog.audit.append;

import io.storagecatalog.common.audit.AuditChainRepository;
import io.storagecatalog.common.audit.AuditRow;
import io.storagecatalog.common.audit.AuditRows;
import io.storagecatalog.common.audit.ChainAppend;
import io.storagecatalog.common.audit.OperationRepository;
import io.storagecatalog.common.event.CatalogEvent;
import io.storagecatalog.common.event.InvalidEventException;
import io.storagecatalog.common.jdbc.DatabaseRejection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Appends one audit row per event to the hash chain the caller names for it: one transaction per batch,
 * begun and committed here, through a {@link ChainAppend}: the heads of the batch's chains are locked
 * first, so appends to the same chain from any number of instances (and the maintenance jobs') line up
 * one after the other (no fork, no gap) while appends to other chains go on in parallel; the hashes are
 * computed in memory and the rows streamed to one COPY while they are computed.
 *
 * <p>Events that already have their row (a redelivery after a restart or a rebalance) are not appended
 * twice. Redeliveries are rare and come in runs, so a batch is first appended without looking: the
 * unique event identity rejects a batch that repeats a committed event, and that batch is appended again
 * after looking its events up, as are the next {@value #LOOK_FIRST_AFTER_DUPLICATE} batches.
 */
@Service
public class AuditAppender {

    static final int LOOK_FIRST_AFTER_DUPLICATE = 100;
    private static final Logger log = LoggerFactory.getLogger(AuditAppender.class);

    private final TransactionTemplate transactions;
    private final OperationRepository operations;
    private final AuditChainRepository chain;
    private final AtomicInteger batchesToLookUpFirst = new AtomicInteger();

    public AuditAppender(TransactionTemplate transactions, OperationRepository operations, AuditChainRepository chain) {
        this.transactions = transactions;
        this.operations = operations;
        this.chain = chain;
    }

    /**
     * What a batch appended.
     *
     * @param head     the trail's length after the append (all chains' rows)
     * @param rejected the events the database refused (by their index in the batch), with why
     */
    public record Appended(
            List<AuditRow> rows, int duplicates, long head, Map<Integer, InvalidEventException> rejected) {}

    /** Appends the events to chain 0. */
    public Appended append(List<CatalogEvent> events) {
        return append(events, new int[events.size()]);
    }

    /**
     * Appends the events in one transaction. When the database refuses the batch's content (a limit or
     * constraint the contract does not know), they are appended one by one, and only those it refuses
     * are left out, for the caller to set aside; infrastructure errors propagate (the batch is retried).
     */
    public Appended append(List<CatalogEvent> events, int[] chains) {
        if (chains.length != events.size()) {
            throw new IllegalArgumentException("one chain per event");
        }
        Batch batch;
        try {
            batch = appendBatch(events, chains);
        } catch (DataAccessException e) {
            InvalidEventException rejection = DatabaseRejection.of(e).orElseThrow(() -> e);
            log.warn(
                    "audit batch rejected by the database, appending its events one by one: events={} reason=\"{}\"",
                    events.size(),
                    rejection.getMessage());
            batch = appendOneByOne(events, chains);
        }
        // Read once, after the commit: not inside the transaction that holds the chains' heads.
        return new Appended(batch.rows(), batch.duplicates(), chain.length(), batch.rejected());
    }

    /** What the transactions of one batch appended, before the trail's length is read. */
    private record Batch(List<AuditRow> rows, int duplicates, Map<Integer, InvalidEventException> rejected) {}

    private Batch appendOneByOne(List<CatalogEvent> events, int[] chains) {
        List<AuditRow> rows = new ArrayList<>();
        Map<Integer, InvalidEventException> rejected = new HashMap<>();
        int duplicates = 0;
        for (int i = 0; i < events.size(); i++) {
            List<CatalogEvent> one = List.of(events.get(i));
            int[] itsChain = {chains[i]};
            try {
                Batch appended = transactions.execute(status -> appendInTransaction(one, itsChain, true));
                rows.addAll(appended.rows());
                duplicates += appended.duplicates();
            } catch (DataAccessException e) {
                rejected.put(i, DatabaseRejection.of(e).orElseThrow(() -> e));
            }
        }
        return new Batch(rows, duplicates, rejected);
    }

    private Batch appendBatch(List<CatalogEvent> events, int[] chains) {
        if (batchesToLookUpFirst.get() > 0) {
            batchesToLookUpFirst.decrementAndGet();
            return transactions.execute(status -> appendInTransaction(events, chains, true));
        }
        try {
            return transactions.execute(status -> appendInTransaction(events, chains, false));
        } catch (DuplicateKeyException e) {
            log.info(
                    "audit batch repeats events already on record, appending it again after looking them up: "
                            + "events={}",
                    events.size());
            batchesToLookUpFirst.set(LOOK_FIRST_AFTER_DUPLICATE);
            return transactions.execute(status -> appendInTransaction(events, chains, true));
        }
    }

    private Batch appendInTransaction(List<CatalogEvent> events, int[] chains, boolean lookUpFirst) {
        if (events.isEmpty()) {
            return new Batch(List.of(), 0, Map.of());
        }
        try (ChainAppend append = ChainAppend.open(
                chain, operations, Arrays.stream(chains).boxed().collect(Collectors.toSet()))) {
            Set<String> seen = lookUpFirst
                    ? operations.existing(
                            events.stream().map(CatalogEvent::id).distinct().toList())
                    : Set.of();
            Set<String> inBatch = new HashSet<>();
            Instant now = Instant.now();
            List<AuditRow> rows = new ArrayList<>(events.size());
            int duplicates = 0;
            for (int i = 0; i < events.size(); i++) {
                String key = events.get(i).id().key();
                if (seen.contains(key) || !inBatch.add(key)) {
                    duplicates++;
                    continue;
                }
                rows.add(append.add(chains[i], AuditRows.of(events.get(i), now)));
            }
            append.finish();
            return new Batch(rows, duplicates, Map.of());
        }
    }
}
