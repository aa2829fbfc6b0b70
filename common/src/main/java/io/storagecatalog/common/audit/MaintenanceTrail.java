package io.storagecatalog.common.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;

/**
 * Appends maintenance actions to the audit trail, on the same hash chain as the services' events and in
 * the caller's transaction, so that a change and its record commit together or not at all. The chain's
 * head is locked for the rest of that transaction: callers append once, after their change.
 */
public class MaintenanceTrail {

    /** The source of every maintenance row ({@code event_source}). */
    public static final String SOURCE = "/storage-catalog/maintenance";

    /** The source of the rows of events the ingest worker refused as not allowed to their user. */
    public static final String DENIALS = "/storage-catalog/authorization";

    /** The source of the rows of the catalog API's callers: access decisions, refused reads, operator acts. */
    public static final String API_CALLS = "/storage-catalog/api";

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
    public record Action(String operation, String target, Map<String, Object> details) {}

    public void append(List<Action> actions) {
        Instant now = AuditHashing.truncate(Instant.now());
        appendRows(actions.stream()
                .map(action -> new AuditRow(
                        UUID.randomUUID(),
                        0,
                        0,
                        action.target(),
                        action.operation(),
                        "success",
                        "maintenance",
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        JSON.writeValueAsString(action.details()),
                        now,
                        SOURCE,
                        UUID.randomUUID().toString(),
                        "storage.maintenance." + action.operation(),
                        now,
                        null,
                        null))
                .toList());
    }

    /**
     * An event refused because its user may not do it: on the trail as a failed operation of that user,
     * with the rule that refused it, beside the event's own row (which records what was claimed).
     *
     * @param eventSource and {@code eventId}: the refused event's identity, kept in the row's metadata
     */
    public record Denial(
            String operation,
            String fileId,
            UUID userId,
            String reason,
            String eventSource,
            String eventId,
            Instant eventTime) {}

    public void appendDenials(List<Denial> denials) {
        Instant now = AuditHashing.truncate(Instant.now());
        appendRows(denials.stream()
                .map(denial -> new AuditRow(
                        UUID.randomUUID(),
                        0,
                        0,
                        denial.fileId(),
                        denial.operation(),
                        "failed",
                        "authorization",
                        null,
                        null,
                        null,
                        null,
                        denial.userId(),
                        null,
                        null,
                        "forbidden",
                        denial.reason(),
                        null,
                        null,
                        JSON.writeValueAsString(
                                Map.of("deniedEventSource", denial.eventSource(), "deniedEventId", denial.eventId())),
                        AuditHashing.truncate(denial.eventTime()),
                        DENIALS,
                        UUID.randomUUID().toString(),
                        "storage.authorization.denied",
                        now,
                        null,
                        null))
                .toList());
    }

    /**
     * A call of the catalog API to record with its caller: granted ({@code success}) or refused
     * ({@code failed}, error code {@code forbidden}, with the rule that refused it).
     *
     * @param operation {@code access}, {@code read}, {@code share}, {@code revoke_share} or {@code mark_corrupted}
     * @param fileId    the file the call was about, or null
     * @param details   what the call asked and how it was decided (the row's metadata); no names, no passwords
     */
    public record Call(
            String operation,
            String fileId,
            UUID userId,
            boolean granted,
            String reason,
            String correlationId,
            Map<String, Object> details) {}

    public void appendCalls(List<Call> calls) {
        Instant now = AuditHashing.truncate(Instant.now());
        appendRows(calls.stream()
                .map(call -> new AuditRow(
                        UUID.randomUUID(),
                        0,
                        0,
                        call.fileId(),
                        call.operation(),
                        call.granted() ? "success" : "failed",
                        "api",
                        null,
                        null,
                        null,
                        null,
                        call.userId(),
                        null,
                        call.correlationId(),
                        call.granted() ? null : "forbidden",
                        call.granted() ? null : call.reason(),
                        null,
                        null,
                        JSON.writeValueAsString(call.details()),
                        now,
                        API_CALLS,
                        UUID.randomUUID().toString(),
                        "storage.api." + call.operation(),
                        now,
                        null,
                        null))
                .toList());
    }

    // One append: the head locked, the rows hashed onto the chain, the head moved.
    private void appendRows(List<AuditRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        try (ChainAppend append = ChainAppend.open(chain, operations)) {
            rows.forEach(append::add);
            append.finish();
        }
    }
}
