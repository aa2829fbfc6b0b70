package io.storagecatalog.api.shares;

import io.storagecatalog.api.audit.CallTrail;
import io.storagecatalog.api.security.Caller;
import io.storagecatalog.common.catalog.ShareRepository.SharedFile;
import io.storagecatalog.common.catalog.ShareRow;
import io.storagecatalog.common.service.AccessDecision;
import io.storagecatalog.common.service.FileAction;
import io.storagecatalog.common.service.SharePermissions;
import io.storagecatalog.common.service.ShareRefusedException;
import io.storagecatalog.common.service.StorageDatabaseService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "shares", description = "Sharing files, and asking whether a user may act on a file now")
class SharesController {

    private final StorageDatabaseService service;
    private final CallTrail trail;

    SharesController(StorageDatabaseService service, CallTrail trail) {
        this.service = service;
        this.trail = trail;
    }

    /** A grant; each right is false unless given. */
    record ShareRequest(
            @NotBlank @Size(max = 2048) String fileId,
            @NotNull UUID sharedWith,
            Boolean canRead,
            Boolean canWrite,
            Boolean canDelete,
            Boolean canShare,
            Instant expiresAt,
            @Size(min = 8, max = 256) String password,
            @Min(1) Integer maxDownloads) {

        ShareRequest {
            canRead = Boolean.TRUE.equals(canRead);
            canWrite = Boolean.TRUE.equals(canWrite);
            canDelete = Boolean.TRUE.equals(canDelete);
            canShare = Boolean.TRUE.equals(canShare);
        }
    }

    record ShareCreated(UUID shareId) {}

    @PostMapping("/shares")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            operationId = "shareFile",
            summary = "Shares a file the caller owns or may share; usable by the recipient when this returns")
    ShareCreated share(Caller caller, @RequestBody @Valid ShareRequest request) {
        try {
            UUID shareId = service.shareFile(
                    request.fileId(),
                    caller.userId(),
                    request.sharedWith(),
                    new SharePermissions(
                            request.canRead(),
                            request.canWrite(),
                            request.canDelete(),
                            request.canShare(),
                            request.expiresAt(),
                            request.password(),
                            request.maxDownloads()));
            return new ShareCreated(shareId);
        } catch (ShareRefusedException e) {
            trail.denied(caller, "share", request.fileId(), e.getMessage(), Map.of("call", "shareFile"));
            throw e;
        }
    }

    record ShareView(
            UUID shareId,
            String fileId,
            UUID sharedBy,
            UUID sharedWith,
            boolean canRead,
            boolean canWrite,
            boolean canDelete,
            boolean canShare,
            Instant expiresAt,
            boolean requiresPassword,
            Integer maxDownloads,
            int downloadCount,
            boolean active,
            Instant createdAt,
            Instant updatedAt) {

        static ShareView of(ShareRow row) {
            return new ShareView(
                    row.id(),
                    row.fileId(),
                    row.sharedBy(),
                    row.sharedWith(),
                    row.canRead(),
                    row.canWrite(),
                    row.canDelete(),
                    row.canShare(),
                    row.expiresAt(),
                    row.requiresPassword(),
                    row.maxDownloads(),
                    row.downloadCount(),
                    row.active(),
                    row.createdAt(),
                    row.updatedAt());
        }
    }

    record SharedFileView(ShareView share, String fileId, String filename, String mimeType, long size, UUID ownerId) {
        static SharedFileView of(SharedFile shared) {
            return new SharedFileView(
                    ShareView.of(shared.share()),
                    shared.file().fileId(),
                    shared.file().filename(),
                    shared.file().mimeType(),
                    shared.file().size(),
                    shared.file().createdBy());
        }
    }

    @GetMapping("/shares/mine")
    @Operation(operationId = "getMyShares", summary = "The shares the caller granted, newest first (at most 500)")
    List<ShareView> mine(Caller caller) {
        return service.getMyShares(caller.userId()).stream().map(ShareView::of).toList();
    }

    @GetMapping("/shares/with-me")
    @Operation(
            operationId = "getSharedFiles",
            summary = "The files shared with the caller and usable now (at most 500)")
    List<SharedFileView> withMe(Caller caller) {
        return service.getSharedFiles(caller.userId()).stream()
                .map(SharedFileView::of)
                .toList();
    }

    @DeleteMapping("/shares/{shareId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(
            operationId = "revokeShare",
            summary = "Revokes a share the caller granted or on a file they own; no access through it (or any "
                    + "share granted from it) once this returns")
    void revoke(Caller caller, @PathVariable UUID shareId) {
        try {
            service.revokeShare(shareId, caller.userId());
        } catch (ShareRefusedException e) {
            trail.denied(caller, "revoke_share", null, e.getMessage(), Map.of("shareId", shareId.toString()));
            throw e;
        }
    }

    record AccessRequest(
            @NotBlank @Size(max = 2048) String fileId,
            @NotNull FileAction action,
            @Size(max = 256) String password,
            UUID userId) {}

    record AccessView(boolean allowed, String reason, UUID shareId) {}

    @PostMapping("/access")
    @Operation(
            operationId = "checkAccess",
            summary = "Whether the caller may act on a file now; a download through a limited share reserves one "
                    + "download. Every decision is on the trail.")
    AccessView access(Caller caller, @RequestBody @Valid AccessRequest request) {
        UUID user = caller.actingFor(request.userId());
        if (!caller.mayActFor(user)) {
            throw trail.forbidden(
                    caller, "access", request.fileId(), "userId", "only an operator asks for another user", Map.of());
        }
        AccessDecision decision = service.checkAccess(request.fileId(), user, request.action(), request.password());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("action", request.action().name());
        details.put("forUser", user.toString());
        if (decision.via() != null) {
            details.put("shareId", decision.via().toString());
        }
        if (decision.allowed()) {
            trail.granted(caller, "access", request.fileId(), details);
        } else {
            trail.denied(caller, "access", request.fileId(), decision.reason(), details);
        }
        return new AccessView(decision.allowed(), decision.reason(), decision.via());
    }
}
