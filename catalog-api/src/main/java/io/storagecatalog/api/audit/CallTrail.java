package io.storagecatalog.api.audit;

import io.storagecatalog.api.problems.ApiException;
import io.storagecatalog.api.security.Caller;
import io.storagecatalog.common.audit.MaintenanceTrail;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The API's callers on the trail: every access decision and every refusal, with the caller, each in a
 * transaction of its own (a refusal stays on record whatever the call does next). Details hold what was
 * asked and decided, never a name, a path or a password.
 */
@Component
public class CallTrail {

    private final MaintenanceTrail trail;
    private final TransactionTemplate transactions;

    CallTrail(MaintenanceTrail trail, PlatformTransactionManager transactionManager) {
        this.trail = trail;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /** Access to a file granted to the caller. */
    public void granted(Caller caller, String operation, String fileId, Map<String, Object> details) {
        record(caller, operation, fileId, true, null, details);
    }

    /** A call refused to its caller, with the rule that refused it. */
    public void denied(Caller caller, String operation, String fileId, String reason, Map<String, Object> details) {
        record(caller, operation, fileId, false, reason, details);
    }

    /**
     * A call refused to its caller for want of the rights it needs: on the trail, and the 403 to throw,
     * naming the field and the same rule.
     */
    public ApiException forbidden(
            Caller caller, String operation, String fileId, String field, String rule, Map<String, Object> details) {
        denied(caller, operation, fileId, rule, details);
        return ApiException.forbidden(field, rule);
    }

    private void record(
            Caller caller,
            String operation,
            String fileId,
            boolean granted,
            String reason,
            Map<String, Object> details) {
        MaintenanceTrail.Call call = new MaintenanceTrail.Call(
                operation, fileId, caller.userId(), granted, reason, caller.correlationId(), details);
        transactions.executeWithoutResult(status -> trail.appendCalls(List.of(call)));
    }
}
