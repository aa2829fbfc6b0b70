package io.storagecatalog.api.statistics;

import io.storagecatalog.api.audit.CallTrail;
import io.storagecatalog.api.problems.ApiException;
import io.storagecatalog.api.security.Caller;
import io.storagecatalog.common.service.StorageDatabaseService;
import io.storagecatalog.common.service.StorageStatistics;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/statistics")
@Tag(name = "statistics", description = "Live totals, and the daily series the statistics job computes")
class StatisticsController {

    /** The longest series one call returns. */
    static final int MAX_DAYS = 366;

    private final StorageDatabaseService service;
    private final DailySeries daily;
    private final CallTrail trail;

    StatisticsController(StorageDatabaseService service, DailySeries daily, CallTrail trail) {
        this.service = service;
        this.daily = daily;
        this.trail = trail;
    }

    @GetMapping
    @Operation(
            operationId = "getStorageStatistics",
            summary = "Live totals of the caller's files (an operator's: one owner's, or everyone's without ownerId)")
    StorageStatistics live(Caller caller, @RequestParam(required = false) UUID ownerId) {
        if (!caller.operator() && ownerId != null && !ownerId.equals(caller.userId())) {
            throw trail.forbidden(
                    caller, "read", null, "ownerId", "only an operator reads another user's statistics", Map.of());
        }
        return service.getStorageStatistics(caller.operator() ? ownerId : caller.userId());
    }

    enum Scope {
        ALL,
        USER,
        ORGANIZATION,
        PROJECT
    }

    record DailySeriesView(String scope, String scopeId, String by, List<DailySeries.Day> days) {}

    @GetMapping("/daily")
    @Operation(
            operationId = "getDailyStatistics",
            summary = "Days of one scope from the statistics job, whole or by classification or MIME category. A "
                    + "user reads their own (scope USER); other scopes need the operator scope.")
    DailySeriesView daily(
            Caller caller,
            @RequestParam(defaultValue = "USER") Scope scope,
            @RequestParam(required = false) @Size(max = 1024) String scopeId,
            @RequestParam LocalDate from,
            @RequestParam LocalDate to,
            @RequestParam(defaultValue = "TOTAL") DailySeries.Breakdown by) {
        String id = switch (scope) {
            case ALL -> "";
            case USER -> scopeId == null ? caller.userId().toString() : scopeId;
            case ORGANIZATION, PROJECT -> {
                if (scopeId == null || scopeId.isBlank()) {
                    throw ApiException.badRequest("scopeId", "is required for this scope");
                }
                yield scopeId;
            }
        };
        boolean own = scope == Scope.USER && id.equals(caller.userId().toString());
        if (!caller.operator() && !own) {
            throw trail.forbidden(
                    caller, "read", null, "scope", "only an operator reads other scopes' statistics", Map.of());
        }
        if (!from.isBefore(to)) {
            throw ApiException.badRequest("to", "must be after from");
        }
        if (ChronoUnit.DAYS.between(from, to) > MAX_DAYS) {
            throw ApiException.badRequest("to", "must be at most " + MAX_DAYS + " days after from");
        }
        return new DailySeriesView(
                scope.name(),
                id,
                by.name(),
                daily.of(scope.name().toLowerCase(java.util.Locale.ROOT), id, from, to, by));
    }
}
