package io.storagecatalog.api.audit;

import io.storagecatalog.api.problems.ApiException;
import io.storagecatalog.api.security.Caller;
import io.storagecatalog.common.audit.AuditRow;
import io.storagecatalog.common.audit.OperationRepository.Cursor;
import io.storagecatalog.common.audit.OperationRepository.Page;
import io.storagecatalog.common.service.StorageDatabaseService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

@RestController
@RequestMapping("/api/v1/audit")
@Tag(name = "audit", description = "The audit trail, for operators: by file, user, correlation id or period")
class AuditController {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final StorageDatabaseService service;
    private final CallTrail trail;

    AuditController(StorageDatabaseService service, CallTrail trail) {
        this.service = service;
        this.trail = trail;
    }

    record OperationView(
            int chain,
            long seq,
            String fileId,
            String operation,
            String status,
            String provider,
            Long bytesTransferred,
            UUID userId,
            String correlationId,
            String errorCode,
            String errorMessage,
            JsonNode metadata,
            Instant createdAt,
            String eventSource,
            String eventId,
            String eventType,
            Instant recordedAt,
            String rowHash) {

        static OperationView of(AuditRow row) {
            return new OperationView(
                    row.chain(),
                    row.seq(),
                    row.fileId(),
                    row.operation(),
                    row.status(),
                    row.provider(),
                    row.bytesTransferred(),
                    row.userId(),
                    row.correlationId(),
                    row.errorCode(),
                    row.errorMessage(),
                    row.metadataJson() == null ? JSON.createObjectNode() : JSON.readTree(row.metadataJson()),
                    row.createdAt(),
                    row.eventSource(),
                    row.eventId(),
                    row.eventType(),
                    row.recordedAt(),
                    row.rowHash() == null ? null : java.util.HexFormat.of().formatHex(row.rowHash()));
        }
    }

    record OperationPage(List<OperationView> items, String nextCursor) {}

    @GetMapping
    @Operation(
            operationId = "getOperations",
            summary = "Operator: one page of the trail, by exactly one of fileId, userId, correlationId, or "
                    + "from and to; newest first by file or user, oldest first by correlation id or period")
    OperationPage operations(
            Caller caller,
            @RequestParam(required = false) @Size(max = 2048) String fileId,
            @RequestParam(required = false) UUID userId,
            @RequestParam(required = false) @Size(max = 1024) String correlationId,
            @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to,
            @RequestParam(defaultValue = "100") @Min(1) @Max(StorageDatabaseService.OPERATIONS_PAGE_MAX) int limit,
            @RequestParam(required = false) @Size(max = 256) String cursor) {
        if (!caller.operator()) {
            throw trail.forbidden(
                    caller,
                    "read",
                    fileId,
                    "scope",
                    "the trail needs the operator scope",
                    Map.of("call", "getOperations"));
        }
        int selectors = (fileId != null ? 1 : 0)
                + (userId != null ? 1 : 0)
                + (correlationId != null ? 1 : 0)
                + (from != null || to != null ? 1 : 0);
        if (selectors != 1) {
            throw ApiException.badRequest(
                    "fileId", "give exactly one of fileId, userId, correlationId, or from and to");
        }
        Page page;
        if (fileId != null) {
            page = service.getOperationsByFile(fileId, decode(cursor, Cursor.NEWEST), limit);
        } else if (userId != null) {
            page = service.getOperationsByUser(userId, decode(cursor, Cursor.NEWEST), limit);
        } else if (correlationId != null) {
            page = service.getOperationsByCorrelationId(correlationId, decode(cursor, Cursor.OLDEST), limit);
        } else {
            if (from == null || to == null || !from.isBefore(to)) {
                throw ApiException.badRequest("to", "from and to are both required, from before to");
            }
            page = service.getOperationsBetween(from, to, decode(cursor, Cursor.OLDEST), limit);
        }
        return new OperationPage(page.rows().stream().map(OperationView::of).toList(), encode(page.next()));
    }

    private static String encode(Cursor cursor) {
        return cursor == null
                ? null
                : Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString((cursor.createdAt() + "|" + cursor.seq() + "|" + cursor.chain())
                                .getBytes(StandardCharsets.UTF_8));
    }

    private static Cursor decode(String cursor, Cursor start) {
        if (cursor == null) {
            return start;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            String[] parts = text.split("\\|", -1);
            if (parts.length != 3) {
                throw new IllegalArgumentException("three parts");
            }
            return new Cursor(Instant.parse(parts[0]), Long.parseLong(parts[1]), Integer.parseInt(parts[2]));
        } catch (RuntimeException e) {
            throw ApiException.badRequest("cursor", "not a cursor of this listing");
        }
    }
}
