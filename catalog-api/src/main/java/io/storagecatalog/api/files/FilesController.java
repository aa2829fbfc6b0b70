package io.storagecatalog.api.files;

import io.storagecatalog.api.audit.CallTrail;
import io.storagecatalog.api.problems.ApiException;
import io.storagecatalog.api.security.Caller;
import io.storagecatalog.common.catalog.FileCount;
import io.storagecatalog.common.catalog.FilePage;
import io.storagecatalog.common.catalog.FileRow;
import io.storagecatalog.common.catalog.VersionRow;
import io.storagecatalog.common.service.StorageDatabaseService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/files")
@Tag(name = "files", description = "The catalog's files: listing with filters and keyset cursors, metadata, versions")
class FilesController {

    private final StorageDatabaseService service;
    private final FileVisibility visibility;
    private final CallTrail trail;

    FilesController(StorageDatabaseService service, FileVisibility visibility, CallTrail trail) {
        this.service = service;
        this.visibility = visibility;
        this.trail = trail;
    }

    /** A page of files and where the next starts (null at the end). */
    record FilePageView(List<FileView> items, String nextCursor) {}

    /** How many files match: exact up to the cap, else the cap as a lower bound. */
    record FileCountView(long count, boolean exact) {}

    @GetMapping
    @Operation(
            operationId = "listFiles",
            summary = "A page of the caller's files (an operator's: anyone's), newest first by default")
    FilePageView list(Caller caller, @ParameterObject @Valid FileQuery query) {
        FilePage page = service.listFiles(query.filter(owner(caller, query.ownerId())));
        return new FilePageView(page.files().stream().map(FileView::of).toList(), page.nextCursor());
    }

    @GetMapping("/count")
    @Operation(
            operationId = "countFiles",
            summary = "How many files a listing's filters match (exact up to 10,000); its sort, limit and cursor aside")
    FileCountView count(Caller caller, @ParameterObject @Valid FileQuery query) {
        FileCount count = service.countFiles(query.filter(owner(caller, query.ownerId())));
        return new FileCountView(count.count(), count.exact());
    }

    @GetMapping("/metadata")
    @Operation(
            operationId = "getFileMetadata",
            summary = "A file's metadata: its owner's, a share holder's who may read it, or an operator's")
    FileView metadata(Caller caller, @RequestParam @Size(max = 2048) String fileId) {
        return FileView.of(visible(caller, fileId));
    }

    record VersionView(
            int versionNumber,
            String versionFileId,
            String filename,
            long size,
            String checksum,
            String mimeType,
            String providerPath,
            UUID createdBy,
            Instant createdAt,
            String changeDescription,
            boolean current) {

        static VersionView of(VersionRow row) {
            return new VersionView(
                    row.versionNumber(),
                    row.versionFileId(),
                    row.filename(),
                    row.size(),
                    row.checksum(),
                    row.mimeType(),
                    row.providerPath(),
                    row.createdBy(),
                    row.createdAt(),
                    row.changeDescription(),
                    row.current());
        }
    }

    @GetMapping("/versions")
    @Operation(operationId = "getVersionHistory", summary = "A file's versions, newest first")
    List<VersionView> versions(Caller caller, @RequestParam @Size(max = 2048) String fileId) {
        visible(caller, fileId);
        return service.getVersionHistory(fileId).stream().map(VersionView::of).toList();
    }

    record CorruptedRequest(@NotEmpty @Size(max = 1000) List<@Size(max = 2048) String> fileIds) {}

    record CorruptedView(int marked) {}

    @PostMapping("/corrupted")
    @Operation(
            operationId = "markCorruptedFiles",
            summary = "Operator: marks active files corrupted (each announced and on the trail)")
    CorruptedView markCorrupted(Caller caller, @RequestBody @Valid CorruptedRequest request) {
        if (!caller.operator()) {
            throw trail.forbidden(caller, "mark_corrupted", null, "scope", "the operator scope is required", Map.of());
        }
        int marked = service.markCorruptedFiles(request.fileIds());
        trail.granted(
                caller,
                "mark_corrupted",
                null,
                Map.of("requested", request.fileIds().size(), "marked", marked));
        return new CorruptedView(marked);
    }

    private FileRow visible(Caller caller, String fileId) {
        FileRow file =
                service.getFileMetadata(fileId).orElseThrow(() -> ApiException.notFound("fileId", "no such file"));
        String refusal = visibility.refusal(caller, file);
        if (refusal != null) {
            trail.denied(caller, "read", fileId, refusal, Map.of("call", "file metadata"));
            // Not found rather than forbidden: whether a file exists is itself not shown.
            throw ApiException.notFound("fileId", "no such file");
        }
        return file;
    }

    // A user lists their own files; an operator anyone's (everyone's without an owner).
    private UUID owner(Caller caller, UUID requested) {
        if (!caller.mayActFor(caller.actingFor(requested))) {
            throw trail.forbidden(
                    caller,
                    "read",
                    null,
                    "ownerId",
                    "only an operator lists another user's files",
                    Map.of("call", "listFiles"));
        }
        return caller.operator() ? requested : caller.actingFor(requested);
    }
}
