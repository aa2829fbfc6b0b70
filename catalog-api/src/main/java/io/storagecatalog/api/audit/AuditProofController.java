package io.storagecatalog.api.audit;

import io.storagecatalog.api.problems.ApiException;
import io.storagecatalog.api.security.Caller;
import io.storagecatalog.common.audit.AuditProofs;
import io.storagecatalog.common.audit.ProofDocument;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.node.ObjectNode;

/**
 * Proofs about the trail, for operators and the auditors they hand them to: each proof is a JSON
 * document that verifies with the trail's public key alone ({@code audit-worker.jar --verify-proof}).
 */
@RestController
@RequestMapping("/api/v1/audit")
@Tag(name = "audit", description = "The audit trail, for operators: by file, user, correlation id or period")
class AuditProofController {

    private final AuditProofs proofs;
    private final CallTrail trail;

    AuditProofController(AuditProofs proofs, CallTrail trail) {
        this.proofs = proofs;
        this.trail = trail;
    }

    @GetMapping("/proofs/rows/{seq}")
    @Operation(
            operationId = "getInclusionProof",
            summary = "Operator: the proof that an audit row is in the trail: the row, its Merkle path and the "
                    + "signed checkpoint that seals it (404 while no checkpoint seals it yet); `chain` names the "
                    + "row's hash chain (0 by default)")
    ObjectNode inclusion(
            Caller caller,
            @PathVariable @Min(1) long seq,
            @RequestParam(defaultValue = "0") @Min(0) @Max(255) int chain) {
        operatorOnly(caller, "getInclusionProof");
        try {
            return ProofDocument.json(proofs.inclusion(chain, seq));
        } catch (AuditProofs.NoProof e) {
            throw ApiException.notFound("seq", e.getMessage());
        }
    }

    @GetMapping("/proofs/checkpoints")
    @Operation(
            operationId = "getConsistencyProof",
            summary = "Operator: the proof that signed checkpoint `newer` extends signed checkpoint `older`")
    ObjectNode consistency(Caller caller, @RequestParam @Min(1) long older, @RequestParam @Min(2) long newer) {
        operatorOnly(caller, "getConsistencyProof");
        if (older >= newer) {
            throw ApiException.badRequest("older", "must come before newer");
        }
        try {
            return ProofDocument.json(proofs.consistency(older, newer));
        } catch (AuditProofs.NoProof e) {
            throw ApiException.notFound("newer", e.getMessage());
        }
    }

    @GetMapping("/checkpoints/latest")
    @Operation(
            operationId = "getLatestCheckpoint",
            summary = "Operator: the newest signed checkpoint (its statement and signature)")
    ObjectNode latest(Caller caller) {
        operatorOnly(caller, "getLatestCheckpoint");
        return proofs.latest()
                .map(ProofDocument::checkpoint)
                .orElseThrow(() -> ApiException.notFound("checkpoint", "no signed checkpoint exists yet"));
    }

    private void operatorOnly(Caller caller, String call) {
        if (!caller.operator()) {
            throw trail.forbidden(
                    caller,
                    "read",
                    null,
                    "scope",
                    "proofs about the trail need the operator scope",
                    Map.of("call", call));
        }
    }
}
