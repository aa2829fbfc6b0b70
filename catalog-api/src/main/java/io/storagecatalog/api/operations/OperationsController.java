package io.storagecatalog.api.operations;

import io.storagecatalog.api.audit.CallTrail;
import io.storagecatalog.api.security.Caller;
import io.storagecatalog.common.service.DatabaseHealthInfo;
import io.storagecatalog.common.service.StorageDatabaseService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/health")
@Tag(name = "operations", description = "The catalog's health, for operators")
class OperationsController {

    private final StorageDatabaseService service;
    private final CallTrail trail;

    OperationsController(StorageDatabaseService service, CallTrail trail) {
        this.service = service;
        this.trail = trail;
    }

    @GetMapping
    @Operation(
            operationId = "getDatabaseHealthInfo",
            summary = "Operator: files by status, bytes, trail length and database size")
    DatabaseHealthInfo health(Caller caller) {
        if (!caller.operator()) {
            throw trail.forbidden(
                    caller, "read", null, "scope", "health information needs the operator scope", Map.of());
        }
        return service.getDatabaseHealthInfo();
    }
}
