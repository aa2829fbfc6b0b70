package io.storagecatalog.api.quotas;

import io.storagecatalog.api.audit.CallTrail;
import io.storagecatalog.api.security.Caller;
import io.storagecatalog.common.service.QuotaCheck;
import io.storagecatalog.common.service.StorageDatabaseService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.Map;
import java.util.UUID;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/quota")
@Tag(name = "quotas", description = "Whether an upload may go ahead")
class QuotaController {

    private final StorageDatabaseService service;
    private final CallTrail trail;

    QuotaController(StorageDatabaseService service, CallTrail trail) {
        this.service = service;
        this.trail = trail;
    }

    /**
     * @param userId         the uploading user; only an operator names another than the caller
     * @param organizationId and {@code projectId}: the upload's organization and project, checked too
     */
    record QuotaRequest(
            @NotNull @PositiveOrZero @Max(1L << 50) Long fileSize,
            UUID userId,
            @Size(max = 1024) String organizationId,
            @Size(max = 1024) String projectId) {}

    @PostMapping("/check")
    @Operation(
            operationId = "checkQuota",
            summary = "Whether an upload of this size fits the user's, the organization's and the project's quotas")
    QuotaCheck check(Caller caller, @RequestBody @Valid QuotaRequest request) {
        UUID user = caller.actingFor(request.userId());
        if (!caller.mayActFor(user)) {
            throw trail.forbidden(
                    caller,
                    "read",
                    null,
                    "userId",
                    "only an operator checks another user's quota",
                    Map.of("call", "checkQuota"));
        }
        return service.checkQuota(user, request.organizationId(), request.projectId(), request.fileSize());
    }
}
