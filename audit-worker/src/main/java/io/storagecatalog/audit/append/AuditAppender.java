package io.storagecatalog.audit.append;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.storagecatalog.common.audit.AuditChainRepository;
import io.storagecatalog.common.audit.AuditChainRepository.ChainHead;
import io.storagecatalog.common.audit.AuditHashing;
import io.storagecatalog.common.audit.AuditRow;
import io.storagecatalog.common.audit.AuditRows;
import io.storagecatalog.common.audit.OperationRepository;
import io.storagecatalog.common.event.CatalogEvent;

/**
 * Appends one audit row per event to the hash chain: one transaction per batch, begun and committed
 * here. The chain head is locked first, so appends of any number of instances line up one after the
 * other (no fork, no gap); the hashes are computed here, in memory, and the rows written in one batch.
 */
@Service
public class AuditAppender {

    private final TransactionTemplate transactions;
    private final OperationRepository operations;
    private final AuditChainRepository chain;

    public AuditAppender(TransactionTemplate transactions, OperationRepository operations, AuditChainRepository chain) {
        this.transactions = transactions;
        this.operations = operations;
        this.chain = chain;
    }

    /** What a batch appended. */
    public record Appended(List<AuditRow> rows, int duplicates, long head) {
    }

    public Appended append(List<CatalogEvent> events) {
        return transactions.execute(status -> {
            ChainHead head = chain.lockHead();
            Set<String> seen = operations.existing(events.stream().map(CatalogEvent::id).distinct().toList());
            Set<String> inBatch = new HashSet<>();
            Instant now = Instant.now();
            List<AuditRow> rows = new ArrayList<>(events.size());
            long seq = head.seq();
            byte[] previous = head.rowHash();
            int duplicates = 0;
            for (CatalogEvent event : events) {
                String key = event.id().key();
                if (seen.contains(key) || !inBatch.add(key)) {
                    duplicates++;
                    continue;
                }
                AuditRow row = AuditRows.of(event, now);
                byte[] hash = AuditHashing.hash(previous, row);
                rows.add(row.chained(++seq, previous, hash));
                previous = hash;
            }
            if (!rows.isEmpty()) {
                operations.append(rows);
                chain.moveHead(head.seq(), new ChainHead(seq, previous));
            }
            return new Appended(rows, duplicates, seq);
        });
    }
}
