package io.storagecatalog.common.service;

import io.storagecatalog.common.audit.AuditChainRepository;
import io.storagecatalog.common.audit.AuditRotation;
import io.storagecatalog.common.audit.MaintenanceTrail;
import io.storagecatalog.common.audit.OperationRepository;
import io.storagecatalog.common.audit.OperationRepository.Cursor;
import io.storagecatalog.common.audit.OperationRepository.Page;
import io.storagecatalog.common.catalog.CatalogFiles;
import io.storagecatalog.common.catalog.FileCount;
import io.storagecatalog.common.catalog.FileFilter;
import io.storagecatalog.common.catalog.FileMaintenanceRepository;
import io.storagecatalog.common.catalog.FileMaintenanceRepository.PurgeableFile;
import io.storagecatalog.common.catalog.FilePage;
import io.storagecatalog.common.catalog.FileRepository;
import io.storagecatalog.common.catalog.FileRow;
import io.storagecatalog.common.catalog.FileSearchRepository;
import io.storagecatalog.common.catalog.FileStatisticsRepository;
import io.storagecatalog.common.catalog.FileStatisticsRepository.GroupBy;
import io.storagecatalog.common.catalog.QuotaRepository;
import io.storagecatalog.common.catalog.QuotaRepository.QuotaUsage;
import io.storagecatalog.common.catalog.ShareRepository;
import io.storagecatalog.common.catalog.ShareRepository.SharedFile;
import io.storagecatalog.common.catalog.ShareRow;
import io.storagecatalog.common.catalog.StoredFile;
import io.storagecatalog.common.catalog.VersionRepository;
import io.storagecatalog.common.catalog.VersionRow;
import io.storagecatalog.common.event.QuotaEntityType;
import io.storagecatalog.common.kafka.CatalogEventPublisher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.node.ObjectNode;

/**
 * The source platform's database-only operations, for any Spring service to inject: file metadata and
 * listings, quota checks, statistics, sharing and access checks, maintenance calls and audit queries.
 *
 * <p>Writes keep one path: sharing and revoking publish the contract's events (the ingest worker
 * applies them, the audit worker records them). The download reservation of a limited share is the
 * exception that needs a synchronous, atomic answer: it is written here and its download event is
 * still published (the worker does not count share downloads, so nothing is counted twice).
 */
public class StorageDatabaseService {

    static final int STATISTICS_TOP = 10;
    static final int SHARE_LIST_LIMIT = 500;

    /** The largest page of the trail one call returns. */
    public static final int OPERATIONS_PAGE_MAX = OperationRepository.MAX_PAGE_SIZE;

    private final FileRepository files;
    private final FileSearchRepository search;
    private final FileStatisticsRepository statistics;
    private final FileMaintenanceRepository maintenance;
    private final VersionRepository versions;
    private final ShareRepository shares;
    private final QuotaRepository quotas;
    private final OperationRepository operations;
    private final AuditChainRepository chain;
    private final MaintenanceTrail trail;
    private final TransactionTemplate transactions;
    private final FileEventPublisher fileEvents;
    private final CatalogEventPublisher catalogEvents;
    private final AuditRotation rotation;
    private final ServiceProperties properties;
    private final PasswordHashes passwords = new PasswordHashes();
    private final TtlCache cache;
    private final Clock clock;

    public StorageDatabaseService(
            CatalogFiles catalogFiles,
            VersionRepository versions,
            ShareRepository shares,
            QuotaRepository quotas,
            OperationRepository operations,
            AuditChainRepository chain,
            JdbcTemplate jdbc,
            FileEventPublisher fileEvents,
            CatalogEventPublisher catalogEvents,
            AuditRotation rotation,
            ServiceProperties properties,
            Clock clock) {
        this.files = catalogFiles.rows();
        this.search = catalogFiles.search();
        this.statistics = catalogFiles.statistics();
        this.maintenance = catalogFiles.maintenance();
        this.versions = versions;
        this.shares = shares;
        this.quotas = quotas;
        this.operations = operations;
        this.chain = chain;
        this.trail = new MaintenanceTrail(chain, operations);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(jdbc.getDataSource()));
        this.fileEvents = fileEvents;
        this.catalogEvents = catalogEvents;
        this.rotation = rotation;
        this.properties = properties;
        this.cache = new TtlCache(properties.cacheTtl(), clock);
        this.clock = clock;
    }

    // ---- files

    /** A file's metadata by its fileId (deleted files included: their metadata still exists). */
    public Optional<FileRow> getFileMetadata(String fileId) {
        return files.findByFileId(fileId);
    }

    /** A file by its row id. */
    public Optional<FileRow> getFileById(UUID id) {
        return files.findById(id);
    }

    /** A file's versions, newest first (at most 1,000). */
    public List<VersionRow> getVersionHistory(String fileId) {
        return versions.history(fileId, 1000);
    }

    /** A page of the files the filter selects, in its order; the next page through {@code nextCursor}. */
    public FilePage listFiles(FileFilter filter) {
        return search.list(filter);
    }

    /**
     * How many files the filter selects (cursor and page size aside), exact up to 10,000: asked for when a
     * screen shows a total, since counting visits every match while a page stops at its end.
     */
    public FileCount countFiles(FileFilter filter) {
        return search.count(filter);
    }

    // ---- quotas

    /**
     * Whether an upload of {@code fileSize} bytes fits every quota it would be charged to: the owner's,
     * and the organization's and project's when given. An entity without a quota row (or with null
     * limits) has the configured defaults ({@code storage-catalog.service.default-*}; none by default).
     */
    public QuotaCheck checkQuota(UUID userId, String organizationId, String projectId, long fileSize) {
        if (fileSize < 0) {
            throw new IllegalArgumentException("fileSize: must be >= 0, was " + fileSize);
        }
        List<QuotaCheck.Violation> violations = new ArrayList<>();
        check(QuotaEntityType.USER.dbValue(), userId.toString(), fileSize, violations);
        if (organizationId != null) {
            check(QuotaEntityType.ORGANIZATION.dbValue(), organizationId, fileSize, violations);
        }
        if (projectId != null) {
            check(QuotaEntityType.PROJECT.dbValue(), projectId, fileSize, violations);
        }
        return new QuotaCheck(violations.isEmpty(), List.copyOf(violations));
    }

    public QuotaCheck checkQuota(UUID userId, long fileSize) {
        return checkQuota(userId, null, null, fileSize);
    }

    private void check(String type, String id, long fileSize, List<QuotaCheck.Violation> violations) {
        Optional<QuotaUsage> usage = quotas.find(type, id);
        if (usage.isPresent() && !usage.get().active()) {
            return;
        }
        long usedBytes = usage.map(QuotaUsage::usedBytes).orElse(0L);
        long usedFiles = usage.map(QuotaUsage::usedFiles).orElse(0);
        Long maxBytes = usage.map(QuotaUsage::maxBytes).orElse(null);
        Integer maxFiles = usage.map(QuotaUsage::maxFiles).orElse(null);
        Long maxFileSize = usage.map(QuotaUsage::maxFileSizeBytes).orElse(null);
        maxBytes = maxBytes != null ? maxBytes : properties.defaultMaxStorageBytes();
        maxFiles = maxFiles != null ? maxFiles : properties.defaultMaxFiles();
        maxFileSize = maxFileSize != null ? maxFileSize : properties.defaultMaxFileSizeBytes();
        if (maxBytes != null && usedBytes + fileSize > maxBytes) {
            violations.add(new QuotaCheck.Violation(type, id, "maxStorageBytes", maxBytes, usedBytes + fileSize));
        }
        if (maxFiles != null && usedFiles + 1 > maxFiles) {
            violations.add(new QuotaCheck.Violation(type, id, "maxFiles", maxFiles, usedFiles + 1));
        }
        if (maxFileSize != null && fileSize > maxFileSize) {
            violations.add(new QuotaCheck.Violation(type, id, "maxFileSizeBytes", maxFileSize, fileSize));
        }
    }

    // ---- statistics and health (cached for storage-catalog.service.cache-ttl)

    /** Statistics of a user's live files and their own recent operations; everyone's when {@code owner} is null. */
    public StorageStatistics getStorageStatistics(UUID owner) {
        return cache.get(List.of("statistics", String.valueOf(owner)), () -> {
            FileStatisticsRepository.Totals totals = statistics.totals(owner);
            return new StorageStatistics(
                    totals.files(),
                    totals.bytes(),
                    totals.averageBytes(),
                    totals.largestBytes(),
                    statistics.groups(GroupBy.PROVIDER, owner, STATISTICS_TOP),
                    statistics.groups(GroupBy.MIME_TYPE, owner, STATISTICS_TOP),
                    statistics.groups(GroupBy.CLASSIFICATION, owner, STATISTICS_TOP),
                    operations.activitySince(clock.instant().minus(Duration.ofDays(7)), owner));
        });
    }

    public DatabaseHealthInfo getDatabaseHealthInfo() {
        return cache.get("health", () -> {
            var byStatus = statistics.countByStatus();
            return new DatabaseHealthInfo(
                    byStatus.values().stream().mapToLong(Long::longValue).sum(),
                    byStatus,
                    statistics.totals(null).bytes(),
                    operations.estimatedCount(),
                    chain.length(),
                    statistics.databaseBytes());
        });
    }

    // ---- sharing

    /**
     * Shares a file: only its owner or a holder of an active share with {@code can_share} may share it,
     * never with more rights than they hold, never with themselves, with an expiry in the future. The
     * share is in the catalog when this returns (it replaces the recipient's active share of the file),
     * and is published as {@code storage.file.share} in the same transaction, for the trail and every
     * other consumer (a password travels only as an Argon2id hash). The ingest worker applies the event
     * by the same rules and finds the share already there.
     *
     * @return the new share's id
     * @throws ShareRefusedException naming the rule that refuses it
     */
    public UUID shareFile(String fileId, UUID sharedBy, UUID sharedWith, SharePermissions permissions) {
        String passwordHash = permissions.password() == null ? null : passwords.hash(permissions.password());
        return transactions.execute(status -> {
            Instant now = clock.instant();
            // Locked: the ingest worker applies events of this file in order with this grant.
            StoredFile stored = files.lockWithVersions(List.of(fileId)).get(fileId);
            FileRow file = stored == null || stored.row().deleted() ? null : stored.row();
            if (file == null) {
                throw new ShareRefusedException("fileId: the file does not exist");
            }
            ShareRow held = file.createdBy().equals(sharedBy)
                    ? null
                    : shares.held(fileId, sharedBy).orElse(null);
            // The ingest worker applies the published share by the same rules.
            String refusal = AccessRules.grantRefusal(
                    file.createdBy(),
                    sharedBy,
                    held,
                    new AccessRules.Grant(
                            sharedWith,
                            permissions.canRead(),
                            permissions.canWrite(),
                            permissions.canDelete(),
                            permissions.canShare(),
                            permissions.expiresAt(),
                            passwordHash != null,
                            permissions.maxDownloads()),
                    now);
            if (refusal != null) {
                throw new ShareRefusedException(refusal);
            }
            UUID shareId = UUID.randomUUID();
            ShareRow granted = new ShareRow(
                    shareId,
                    fileId,
                    sharedBy,
                    sharedWith,
                    permissions.canRead(),
                    permissions.canWrite(),
                    permissions.canDelete(),
                    permissions.canShare(),
                    permissions.expiresAt(),
                    passwordHash,
                    permissions.maxDownloads(),
                    0,
                    true,
                    now,
                    now,
                    null,
                    held == null ? null : held.id());
            shares.deactivateOthersForRecipients(List.of(granted));
            shares.upsert(List.of(granted));
            ObjectNode data = fileEvents
                    .data(fileId, sharedBy)
                    .put("shareId", shareId.toString())
                    .put("sharedWith", sharedWith.toString())
                    .put("canRead", permissions.canRead())
                    .put("canWrite", permissions.canWrite())
                    .put("canDelete", permissions.canDelete())
                    .put("canShare", permissions.canShare());
            if (permissions.expiresAt() != null) {
                data.put("expiresAt", permissions.expiresAt().toString());
            }
            if (passwordHash != null) {
                data.put("passwordHash", passwordHash);
            }
            if (permissions.maxDownloads() != null) {
                data.put("maxDownloads", permissions.maxDownloads());
            }
            fileEvents.publish("storage.file.share", fileId, data);
            return shareId;
        });
    }

    /** Files shared with a user and usable now (not expired, revoked, used up or deleted): one query. */
    public List<SharedFile> getSharedFiles(UUID user) {
        return shares.sharedWith(user, clock.instant(), SHARE_LIST_LIMIT);
    }

    /** Shares a user granted, newest first. */
    public List<ShareRow> getMyShares(UUID user) {
        return shares.sharedBy(user, SHARE_LIST_LIMIT);
    }

    /**
     * Revokes a share: only its sharer or the file's owner may. The share, and every share granted from
     * it down the line, is inactive when this returns; the revocation is published as {@code
     * storage.file.revoke-share} in the same transaction.
     */
    public void revokeShare(UUID shareId, UUID byUser) {
        transactions.executeWithoutResult(status -> {
            ShareRow share = shares.find(shareId)
                    .orElseThrow(() -> new ShareRefusedException("shareId: the share does not exist"));
            StoredFile stored = files.lockWithVersions(List.of(share.fileId())).get(share.fileId());
            UUID owner = stored == null ? null : stored.row().createdBy();
            String refusal = AccessRules.revokeRefusal(owner, byUser, share);
            if (refusal != null) {
                throw new ShareRefusedException(refusal);
            }
            shares.revoke(List.of(new ShareRepository.Revocation(shareId, share.fileId(), clock.instant())));
            fileEvents.publish(
                    "storage.file.revoke-share",
                    share.fileId(),
                    fileEvents.data(share.fileId(), byUser).put("shareId", shareId.toString()));
        });
    }

    /**
     * Whether a user may do something with a file now: the owner may do everything with a live file;
     * anyone else needs an active, unexpired share granting the action, with its password when it has
     * one. A {@link FileAction#DOWNLOAD} through a share with a download limit reserves one download
     * atomically (so 32 concurrent downloads of a 10-download share succeed exactly 10 times) and
     * publishes the download event. Never cached.
     */
    public AccessDecision checkAccess(String fileId, UUID user, FileAction action, String password) {
        Instant now = clock.instant();
        Optional<FileRow> file = files.findByFileId(fileId);
        if (file.isEmpty() || file.get().deleted()) {
            return AccessDecision.deny("the file does not exist");
        }
        if (file.get().createdBy().equals(user)) {
            return AccessDecision.allow("owner", null);
        }
        Optional<ShareRow> found = shares.held(fileId, user);
        String refusal = AccessRules.refusal(file.get().createdBy(), user, found.orElse(null), action, now);
        if (refusal != null) {
            return AccessDecision.deny(refusal);
        }
        ShareRow share = found.get();
        if (share.requiresPassword()) {
            Instant windowStart = now.minus(properties.passwordWindow());
            // Past the limit nothing is verified: no guessing, and no hashing cost for whoever tries.
            if (shares.passwordLocked(share.id(), properties.passwordAttempts(), windowStart)) {
                transactions.executeWithoutResult(status -> passwordRefused(
                        fileId, user, action, "too many wrong passwords for this share; try again later"));
                return AccessDecision.deny("too many wrong passwords for this share; try again later");
            }
            if (!passwords.matches(password, share.passwordHash())) {
                transactions.executeWithoutResult(status -> {
                    shares.passwordFailed(share.id(), now, windowStart);
                    passwordRefused(fileId, user, action, "wrong or missing share password");
                });
                return AccessDecision.deny("wrong or missing share password");
            }
            shares.passwordAccepted(share.id());
        }
        if (action == FileAction.DOWNLOAD) {
            // The reservation and its announcement commit together.
            boolean reserved = Boolean.TRUE.equals(transactions.execute(status -> {
                if (!shares.reserveDownload(share.id(), now)) {
                    return false;
                }
                fileEvents.publish(
                        "storage.file.download",
                        fileId,
                        fileEvents.data(fileId, user).put("shareId", share.id().toString()));
                return true;
            }));
            if (!reserved) {
                return AccessDecision.deny("the share has no download left");
            }
        }
        return AccessDecision.allow("share", share.id());
    }

    // A refused password is on the trail as a denied operation of the user who gave it.
    private void passwordRefused(String fileId, UUID user, FileAction action, String reason) {
        String operation = switch (action) {
            case READ, DOWNLOAD -> "download";
            case WRITE -> "upload";
            case DELETE -> "delete";
            case SHARE -> "share";
        };
        trail.appendDenials(List.of(new MaintenanceTrail.Denial(
                operation,
                fileId,
                user,
                "password: " + reason,
                "StorageDatabaseService.checkAccess",
                UUID.randomUUID().toString(),
                clock.instant())));
    }

    // ---- maintenance

    /**
     * Marks active files corrupted and publishes {@code storage.file.corrupted} for each file it changed
     * (one already corrupted, deleted or unknown is neither reported nor announced again); returns how
     * many changed.
     */
    public int markCorruptedFiles(List<String> fileIds) {
        // The marks, their rows on the audit chain and their announcements commit together.
        List<String> changed = transactions.execute(status -> {
            List<String> marked = maintenance.markCorrupted(fileIds, clock.instant());
            trail.append(marked.stream()
                    .map(fileId -> new MaintenanceTrail.Action(
                            "mark_corrupted",
                            fileId,
                            Map.<String, Object>of(
                                    "by", "StorageDatabaseService", "reason", "marked corrupted on request")))
                    .toList());
            for (String fileId : marked) {
                catalogEvents.publish(
                        "storage.file.corrupted",
                        fileId,
                        catalogEvents
                                .newData()
                                .put("fileId", fileId)
                                .put("reason", "marked corrupted through StorageDatabaseService"));
            }
            return marked;
        });
        return changed.size();
    }

    /** Soft-deleted files older than the retention, a page at a time ({@code afterId}: the last id seen, or null). */
    public List<PurgeableFile> findOrphanedFiles(Duration retention, UUID afterId, int limit) {
        return maintenance.purgeable(
                clock.instant().minus(retention),
                afterId == null ? new UUID(0, 0) : afterId,
                Math.min(Math.max(limit, 1), 1000));
    }

    /**
     * Removes audit rows older than {@code days} through the rotation path (archived to the object
     * store, then removed in recorded segments), never breaking the chain. Returns rows removed.
     */
    public long cleanupOldOperations(int days) {
        if (rotation == null) {
            throw new IllegalStateException("cleanupOldOperations needs the object store (an AuditRotation bean)");
        }
        long removed = 0;
        Instant cutoff = clock.instant().minus(Duration.ofDays(days));
        AuditRotation.Segment segment;
        do {
            segment = rotation.rotateSegment(cutoff, 10_000);
            removed += segment == null ? 0 : segment.removed();
        } while (segment != null);
        return removed;
    }

    // ---- audit queries

    public Page getOperationsByFile(String fileId, Cursor after, int limit) {
        return operations.byFile(fileId, after, limit);
    }

    public Page getOperationsByUser(UUID userId, Cursor after, int limit) {
        return operations.byUser(userId, after, limit);
    }

    public Page getOperationsByCorrelationId(String correlationId, Cursor after, int limit) {
        return operations.byCorrelationId(correlationId, after, limit);
    }

    public Page getOperationsBetween(Instant from, Instant to, Cursor after, int limit) {
        return operations.byTimeRange(from, to, after, limit);
    }
}
