package io.storagecatalog.common.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.storagecatalog.common.audit.AuditChainRepository.ChainHead;
import tools.jackson.databind.json.JsonMapper;

/**
 * Appends maintenance actions to the audit trail, on the same hash chain as the services' events and in
 * the caller's transaction, so that a change and its record commit together or not at all. The chain's
 * head is locked for the rest of that transaction: callers append once, after their change.
 */
public class MaintenanceTrail {

    /** The source of every maintenance row ({@code event_source}). */
    public static final String SOURCE = "/storage-catalog/maintenance";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final AuditChainRepository chain;
    private final OperationRepository operations;

    public MaintenanceTrail(AuditChainRepository chain, OperationRepository operations) {
        this.chain = chain;
        this.operations = operations;
    }

    /**
     * A maintenance action to record.
     *
     * @param operation    {@code purge}, {@code mark_corrupted}, {@code orphan_removed} or {@code quota_corrected}
     * @param target       the file (its fileId), the object ({@code bucket/key}) or the quota ({@code type:id})
     * @param details      what was done, from where, by which job (the row's metadata)
     */
    public record Action(String operation, String target, Map<String, Object> details) {
    }

    public void append(List<Action> actions) {
        if (actions.isEmpty()) {
            return;
        }
        ChainHead head = chain.lockHead();
        Instant now = AuditHashing.truncate(Instant.now());
        long seq = head.seq();
        byte[] previous = head.rowHash();
        try (OperationRepository.Append copy = operations.openAppend()) {
            for (Action action : actions) {
                AuditRow row = new AuditRow(UUID.randomUUID(), 0, action.target(), action.operation(), "success",
                        "maintenance", null, null, null, null, null, null, null, null, null, null, null,
                        JSON.writeValueAsString(action.details()), now, SOURCE, UUID.randomUUID().toString(),
                        "storage.maintenance." + action.operation(), now, null, null);
                byte[] hash = AuditHashing.hash(previous, row);
                copy.add(row.chained(++seq, previous, hash));
                previous = hash;
            }
            copy.finish();
        }
        chain.moveHead(head.seq(), new ChainHead(seq, previous));
    }
}
