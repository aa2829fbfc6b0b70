package io.storagecatalog.ingest.apply;

import io.storagecatalog.common.catalog.FileRepository.FileWrite;
import io.storagecatalog.common.catalog.FileStatus;
import io.storagecatalog.common.catalog.QuotaRepository.QuotaLimits;
import io.storagecatalog.common.catalog.QuotaRepository.UsageDelta;
import io.storagecatalog.common.catalog.ShareRepository.Access;
import io.storagecatalog.common.catalog.ShareRepository.Revocation;
import io.storagecatalog.common.catalog.ShareRow;
import io.storagecatalog.common.catalog.StoredFile;
import io.storagecatalog.common.catalog.VersionRepository.SizeCorrection;
import io.storagecatalog.common.catalog.VersionRow;
import io.storagecatalog.common.event.CatalogCommand;
import io.storagecatalog.common.event.CatalogCommand.Copy;
import io.storagecatalog.common.event.CatalogCommand.Delete;
import io.storagecatalog.common.event.CatalogCommand.Download;
import io.storagecatalog.common.event.CatalogCommand.FileCommand;
import io.storagecatalog.common.event.CatalogCommand.MetadataChanges;
import io.storagecatalog.common.event.CatalogCommand.Move;
import io.storagecatalog.common.event.CatalogCommand.Restore;
import io.storagecatalog.common.event.CatalogCommand.RevokeShare;
import io.storagecatalog.common.event.CatalogCommand.SetQuota;
import io.storagecatalog.common.event.CatalogCommand.Share;
import io.storagecatalog.common.event.CatalogCommand.UpdateMetadata;
import io.storagecatalog.common.event.CatalogCommand.Upload;
import io.storagecatalog.common.event.CatalogEvent;
import io.storagecatalog.common.event.InvalidEventException;
import io.storagecatalog.common.event.QuotaEntityType;
import io.storagecatalog.common.event.RejectionReason;
import io.storagecatalog.common.event.S3Order;
import io.storagecatalog.common.service.AccessRules;
import io.storagecatalog.common.service.FileAction;
import io.storagecatalog.ingest.apply.ObjectSequenceRepository.ObjectSequence;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Applies a batch of events, in order, to the catalog state the batch touches, in memory. The
 * result is written back with a handful of batched statements ({@link #writes()}), so a batch of
 * hundreds of events costs a few database round trips, not one per event.
 *
 * <p>Quota rule: an entity (the owner, and the file's organization and project when given) is charged
 * the bytes of every stored version of each of its files that is not deleted, and one file per such
 * file. Uploading a new version adds its bytes; deleting releases everything the file was charged;
 * restoring charges it again.
 */
final class CatalogBatch {

    private final Map<String, FileState> files;
    private final Map<String, ObjectSequence> sequences;
    private final Set<String> dirtySequences = new LinkedHashSet<>();
    private final ProviderFacts facts;
    // Versions and corrections hold their file, not its fileId: a file may take another identity later in the batch.
    private final List<PendingVersion> versions = new ArrayList<>();
    private final List<FileState> sizeCorrections = new ArrayList<>();
    private final List<FileState> absorbed = new ArrayList<>();
    private final Map<UUID, ShareRow> shares = new LinkedHashMap<>();
    private final List<Revocation> revocations = new ArrayList<>();
    private final List<Access> shareAccesses = new ArrayList<>();
    private final List<QuotaLimits> quotaLimits = new ArrayList<>();
    private final Map<String, long[]> usage = new LinkedHashMap<>();
    private final Map<String, UUID> usageUsers = new HashMap<>();
    private final Map<String, Long> largestUpload = new HashMap<>();

    private record PendingVersion(FileState file, VersionRow row) {}

    /** The active share a user holds on a file in the database, usable or not. */
    interface HeldShares {
        Optional<ShareRow> held(String fileId, UUID user);
    }

    private final Map<UUID, ShareRow> storedShares;
    private final HeldShares heldShares;
    private final Map<String, Optional<ShareRow>> heldCache = new HashMap<>();
    private final Set<UUID> revokedShares = new HashSet<>();

    CatalogBatch(Map<String, StoredFile> stored, Map<String, ObjectSequence> sequences, ProviderFacts facts) {
        this(stored, sequences, facts, Map.of(), (fileId, user) -> Optional.empty());
    }

    /**
     * @param storedShares the shares the batch's share and revoke events name, as the database holds them
     * @param heldShares   looks up the share a user who is not a file's owner holds on it
     */
    CatalogBatch(
            Map<String, StoredFile> stored,
            Map<String, ObjectSequence> sequences,
            ProviderFacts facts,
            Map<UUID, ShareRow> storedShares,
            HeldShares heldShares) {
        this.storedShares = storedShares;
        this.heldShares = heldShares;
        this.files = new HashMap<>();
        stored.forEach((fileId, file) -> files.put(
                fileId, FileState.of(file.row(), file.storedBytes(), file.latestVersion(), file.announcements())));
        this.sequences = new HashMap<>(sequences);
        this.facts = facts;
    }

    /**
     * Applies one event.
     *
     * @throws FileNotYetKnownException when the event names a file the catalog does not hold; the
     *                                  state is then unchanged by this event
     * @throws InvalidEventException    when the event can never apply ({@link RejectionReason#NOT_APPLICABLE});
     *                                  the state is then unchanged by this event
     */
    EventOutcome apply(CatalogEvent event) {
        if (!event.audit().succeeded()) {
            return EventOutcome.NOT_SUCCESSFUL;
        }
        CatalogCommand command = event.command();
        if (event.s3Order() != null && command instanceof Download download) {
            storeRead(download.fileId(), event.time());
            return EventOutcome.APPLIED;
        }
        if (event.s3Order() != null) {
            return applyInOrder(event, (FileCommand) command, event.s3Order());
        }
        applyCommand(event, command);
        return EventOutcome.APPLIED;
    }

    // S3 notifications of one object arrive out of order: only a newer one than the last applied changes
    // anything. A removal of an object never catalogued is remembered, so that its late creation is stale.
    private EventOutcome applyInOrder(CatalogEvent event, FileCommand command, S3Order order) {
        ObjectSequence last = sequences.get(command.fileId());
        if (last != null && order.sequence().compareTo(last.sequence()) <= 0) {
            return EventOutcome.STALE;
        }
        boolean removal = command instanceof Delete;
        String object = command.fileId();
        FileState holder = holderOf(object);
        if (command instanceof Upload upload) {
            storeUpload(holder, upload, event.audit().userId(), event.time());
        } else if (removal && holder != null && holder.knownOnlyFromStore()) {
            // A file a service announced is deleted when the service says so: the store's removal stays on
            // record in the trail, and the reconciliation reports the object if it is really gone.
            delete(holder, event.audit().userId(), event.time());
        }
        sequences.put(command.fileId(), new ObjectSequence(command.fileId(), order.sequence(), removal));
        dirtySequences.add(command.fileId());
        return EventOutcome.APPLIED;
    }

    private void applyCommand(CatalogEvent event, CatalogCommand command) {
        Instant time = event.time();
        UUID user = event.audit().userId();
        if (command instanceof Upload upload) {
            upstreamUpload(upload, user, time);
        } else if (command instanceof Download download) {
            download(download, time);
        } else if (command instanceof Delete delete) {
            delete(authorized(known("data.fileId", delete.fileId()), user, FileAction.DELETE, time), user, time);
        } else if (command instanceof Restore restore) {
            restore(authorized(known("data.fileId", restore.fileId()), user, FileAction.DELETE, time), user, time);
        } else if (command instanceof Copy copy) {
            copy(copy, user, time);
        } else if (command instanceof Move move) {
            move(move, user, time);
        } else if (command instanceof UpdateMetadata update) {
            updateMetadata(update, user, time);
        } else if (command instanceof Share share) {
            share(share, user, time);
        } else if (command instanceof RevokeShare revoke) {
            revoke(revoke, user, time);
        } else if (command instanceof SetQuota quota) {
            quotaLimits.add(new QuotaLimits(
                    quota.entityType().dbValue(),
                    quota.entityId(),
                    quota.userId(),
                    quota.maxStorageBytes(),
                    quota.maxFiles(),
                    quota.maxFileSizeBytes(),
                    quota.active()));
        } else {
            throw new IllegalStateException(
                    "unhandled command " + command.getClass().getSimpleName());
        }
    }

    private void upload(Upload upload, UUID user, Instant time) {
        FileState file = files.get(upload.fileId());
        boolean created = file == null;
        if (created) {
            file = new FileState();
            file.id = UUID.randomUUID();
            file.fileId = upload.fileId();
            file.originalName = upload.originalName();
            file.provider = upload.provider();
            file.dataClassification = upload.classification().dbValue();
            file.encrypted = upload.encrypted();
            file.encryptionKeyId = upload.encryptionKeyId();
            file.tags = upload.tags();
            file.customMetadataJson = upload.customMetadataJson();
            file.organizationId = upload.organizationId();
            file.projectId = upload.projectId();
            file.createdBy = user;
            file.createdAt = time;
            file.status = FileStatus.ACTIVE;
            files.put(file.fileId, file);
        } else if (file.deleted()) {
            // A new version of a deleted file brings the file back, with everything it holds.
            reactivate(file);
        }
        file.filename = upload.filename();
        file.mimeType = upload.mimeType();
        file.size = upload.size();
        file.checksum = upload.checksum();
        file.checksumAlgorithm = upload.checksumAlgorithm();
        file.encoding = upload.encoding();
        file.providerPath = upload.providerPath();
        file.providerMetadataJson = upload.providerMetadataJson();
        file.touch(user, time);
        addVersion(file, upload.versionFileId(), upload.changeDescription(), user, time);
        charge(file, upload.size(), created ? 1 : 0);
        noteUpload(file, upload.size());
    }

    /**
     * An upload a service announces. A file the store announced first at the same object takes the
     * service's identity and description; content the store announced first is described, not added again.
     */
    private void upstreamUpload(Upload upload, UUID user, Instant time) {
        FileState file = files.get(upload.fileId());
        if (file == null) {
            FileState storeOnly = storeOnlyFileAt(upload.providerPath());
            if (storeOnly != null) {
                adopt(storeOnly, upload.fileId(), user);
                storeOnly.originalName = upload.originalName();
                storeOnly.provider = upload.provider();
                storeOnly.dataClassification = upload.classification().dbValue();
                storeOnly.encrypted |= upload.encrypted();
                storeOnly.encryptionKeyId = upload.encryptionKeyId();
                storeOnly.tags = upload.tags();
                storeOnly.customMetadataJson = upload.customMetadataJson();
                storeOnly.organizationId = upload.organizationId();
                storeOnly.projectId = upload.projectId();
                adopted(storeOnly);
                storeOnly.upstreamVersions++;
                describe(storeOnly, upload, user, time);
                return;
            }
            upload(upload, user, time);
            files.get(upload.fileId()).upstreamVersions = 1;
            return;
        }
        authorized(file, user, FileAction.WRITE, time);
        if (!upload.providerPath().equals(file.providerPath)) {
            // New content at another object: what was said of the old object pairs with nothing any more.
            FileState storeOnly = storeOnlyFileAt(upload.providerPath());
            file.resetAnnouncements();
            if (storeOnly != null && storeOnly != file) {
                absorb(storeOnly);
                file.storeVersions = 1;
            }
            file.upstreamVersions = 1;
            upload(upload, user, time);
            return;
        }
        file.upstreamVersions++;
        if (file.upstreamVersions > file.storeVersions) {
            upload(upload, user, time);
        } else {
            describe(file, upload, user, time);
        }
    }

    /**
     * An object the store announces. A file a service announced at the object gains a version only when
     * the store is ahead of the service; otherwise the store confirms (or corrects) its content.
     */
    private void storeUpload(FileState holder, Upload upload, UUID user, Instant time) {
        if (holder == null || holder.knownOnlyFromStore()) {
            upload(upload, user, time);
            files.get(upload.fileId()).storeVersions++;
            return;
        }
        holder.storeVersions++;
        if (holder.storeVersions > holder.upstreamVersions) {
            // Content no service announced (yet): a version with what the store says of it.
            holder.mimeType = upload.mimeType();
            holder.size = upload.size();
            holder.checksum = upload.checksum();
            holder.checksumAlgorithm = upload.checksumAlgorithm();
            holder.providerMetadataJson = facts.merge(holder.providerMetadataJson, upload.providerMetadataJson());
            holder.encrypted |= upload.encrypted();
            holder.touch(user, time);
            addVersion(holder, upload.versionFileId(), null, user, time);
            charge(holder, upload.size(), 0);
            noteUpload(holder, upload.size());
            return;
        }
        confirm(holder, upload);
    }

    // The store's facts of the content (size, ETag, version id, server-side encryption) win over what was announced.
    private void confirm(FileState file, Upload upload) {
        long delta = upload.size() - file.size;
        if (delta != 0) {
            file.size = upload.size();
            file.storedBytes += delta;
            if (!file.deleted()) {
                charge(file, delta, 0);
            }
            sizeCorrections.add(file);
        }
        if ("etag".equals(file.checksumAlgorithm)) {
            file.checksum = upload.checksum();
        }
        file.providerMetadataJson = facts.merge(file.providerMetadataJson, upload.providerMetadataJson());
        file.encrypted |= upload.encrypted();
        file.dirty = true;
    }

    // A service describes content the store announced first: its names and checksum; the store's size stays.
    private void describe(FileState file, Upload upload, UUID user, Instant time) {
        if (file.deleted()) {
            reactivate(file);
        }
        file.filename = upload.filename();
        file.mimeType = upload.mimeType();
        file.checksum = upload.checksum();
        file.checksumAlgorithm = upload.checksumAlgorithm();
        file.encoding = upload.encoding();
        file.providerMetadataJson = facts.merge(upload.providerMetadataJson(), file.providerMetadataJson);
        file.touch(user, time);
        noteUpload(file, file.size);
    }

    private void adoptAsCopy(FileState file, Copy copy, FileState source, UUID user, Instant time) {
        adopt(file, copy.fileId(), user);
        file.filename = copy.filename() != null ? copy.filename() : source.filename;
        file.originalName = source.originalName;
        file.mimeType = source.mimeType;
        file.encoding = source.encoding;
        file.provider = source.provider;
        file.providerMetadataJson = facts.merge(source.providerMetadataJson, file.providerMetadataJson);
        file.dataClassification = source.dataClassification;
        file.encrypted |= source.encrypted;
        file.encryptionKeyId = source.encryptionKeyId;
        file.tags = source.tags;
        file.customMetadataJson = source.customMetadataJson;
        file.organizationId = source.organizationId;
        file.projectId = source.projectId;
        if (file.size == source.size) {
            file.checksum = source.checksum;
            file.checksumAlgorithm = source.checksumAlgorithm;
        }
        adopted(file);
        file.upstreamVersions++;
        file.touch(user, time);
        noteUpload(file, file.size);
    }

    // A file known only from the store takes the service's identity; it is charged again once its owner is known.
    private void adopt(FileState storeOnly, String fileId, UUID user) {
        if (!storeOnly.deleted()) {
            charge(storeOnly, -storeOnly.storedBytes, -1);
        }
        files.remove(storeOnly.fileId);
        storeOnly.fileId = fileId;
        storeOnly.createdBy = user;
        files.put(fileId, storeOnly);
    }

    private void adopted(FileState file) {
        file.status = FileStatus.ACTIVE;
        file.deletedAt = null;
        charge(file, file.storedBytes, 1);
    }

    // A duplicate of an object another file holds: nothing of it is charged, and its row goes.
    private void absorb(FileState storeOnly) {
        if (!storeOnly.deleted()) {
            charge(storeOnly, -storeOnly.storedBytes, -1);
        }
        storeOnly.absorbed = true;
        files.remove(storeOnly.fileId);
        absorbed.add(storeOnly);
    }

    private void storeRead(String object, Instant time) {
        FileState file = holderOf(object);
        if (file == null) {
            throw new FileNotYetKnownException("data.fileId", object);
        }
        file.storeReads++;
        read(file, file.storeReads > file.upstreamReads, time);
    }

    // One read announced by both sides counts once: the side that is ahead counts it.
    private static void read(FileState file, boolean counts, Instant time) {
        if (counts) {
            file.accessCount++;
        }
        if (file.lastAccessedAt == null || time.isAfter(file.lastAccessedAt)) {
            file.lastAccessedAt = time;
        }
        file.dirty = true;
    }

    /**
     * The file an object's notification speaks of: the earliest created live file at the object (a copy
     * sharing its source's object is not it), else the file known only from the store, in any state.
     */
    private FileState holderOf(String object) {
        FileState holder = null;
        for (FileState file : files.values()) {
            if (!file.deleted()
                    && object.equals(file.providerPath)
                    && (holder == null
                            || file.createdAt.isBefore(holder.createdAt)
                            || file.createdAt.equals(holder.createdAt) && file.fileId.compareTo(holder.fileId) < 0)) {
                holder = file;
            }
        }
        return holder != null ? holder : files.get(object);
    }

    private FileState storeOnlyFileAt(String object) {
        FileState file = object == null ? null : files.get(object);
        return file != null && file.knownOnlyFromStore() ? file : null;
    }

    private void download(Download download, Instant time) {
        FileState file = known("data.fileId", download.fileId());
        file.upstreamReads++;
        read(file, file.upstreamReads > file.storeReads, time);
        if (download.shareId() != null) {
            // The download count of a limited share is reserved synchronously by StorageDatabaseService;
            // counting it here again would count it twice.
            shareAccesses.add(new Access(download.shareId(), time));
        }
    }

    private void delete(FileState file, UUID user, Instant time) {
        if (file.deleted()) {
            return;
        }
        charge(file, -file.storedBytes, -1);
        file.status = FileStatus.DELETED;
        file.deletedAt = time;
        file.touch(user, time);
    }

    private void restore(FileState file, UUID user, Instant time) {
        if (!file.deleted()) {
            return;
        }
        reactivate(file);
        file.touch(user, time);
    }

    private void reactivate(FileState file) {
        file.status = FileStatus.ACTIVE;
        file.deletedAt = null;
        charge(file, file.storedBytes, 1);
    }

    private void copy(Copy copy, UUID user, Instant time) {
        FileState source = authorized(known("data.sourceFileId", copy.sourceFileId()), user, FileAction.READ, time);
        if (files.containsKey(copy.fileId())) {
            throw new InvalidEventException(
                    "data.fileId",
                    "the file already exists; a copy must name a new file",
                    RejectionReason.NOT_APPLICABLE);
        }
        FileState storeOnly = storeOnlyFileAt(copy.providerPath());
        if (storeOnly != null && storeOnly != source) {
            adoptAsCopy(storeOnly, copy, source, user, time);
            return;
        }
        FileState file = new FileState();
        file.id = UUID.randomUUID();
        file.fileId = copy.fileId();
        // A copy at its own path is a new object the store will announce; one sharing its source's is not.
        file.upstreamVersions = copy.providerPath() != null ? 1 : 0;
        file.filename = copy.filename() != null ? copy.filename() : source.filename;
        file.originalName = source.originalName;
        file.mimeType = source.mimeType;
        file.size = source.size;
        file.checksum = source.checksum;
        file.checksumAlgorithm = source.checksumAlgorithm;
        file.encoding = source.encoding;
        file.provider = source.provider;
        file.providerPath = copy.providerPath() != null ? copy.providerPath() : source.providerPath;
        file.providerMetadataJson = source.providerMetadataJson;
        file.dataClassification = source.dataClassification;
        file.encrypted = source.encrypted;
        file.encryptionKeyId = source.encryptionKeyId;
        file.tags = source.tags;
        file.customMetadataJson = source.customMetadataJson;
        file.organizationId = source.organizationId;
        file.projectId = source.projectId;
        file.createdBy = user;
        file.createdAt = time;
        file.status = FileStatus.ACTIVE;
        file.touch(user, time);
        files.put(file.fileId, file);
        addVersion(file, null, "copy of " + source.fileId, user, time);
        charge(file, file.size, 1);
        noteUpload(file, file.size);
    }

    private void move(Move move, UUID user, Instant time) {
        FileState file = authorized(known("data.fileId", move.fileId()), user, FileAction.WRITE, time);
        if (move.providerPath() != null && !move.providerPath().equals(file.providerPath)) {
            FileState storeOnly = storeOnlyFileAt(move.providerPath());
            file.resetAnnouncements();
            if (storeOnly != null && storeOnly != file) {
                // The store announced the moved object first, as a file of its own: the same content, once.
                absorb(storeOnly);
            } else {
                // The store's announcement of the object at its new path will confirm it, not add a version.
                file.upstreamVersions = 1;
            }
            file.providerPath = move.providerPath();
        }
        if (move.filename() != null) {
            file.filename = move.filename();
        }
        file.touch(user, time);
    }

    private void updateMetadata(UpdateMetadata update, UUID user, Instant time) {
        FileState file = authorized(known("data.fileId", update.fileId()), user, FileAction.WRITE, time);
        MetadataChanges changes = update.changes();
        if (changes.filename() != null) {
            file.filename = changes.filename();
        }
        if (changes.mimeType() != null) {
            file.mimeType = changes.mimeType();
        }
        if (changes.classification() != null) {
            file.dataClassification = changes.classification().dbValue();
        }
        if (changes.tags() != null) {
            file.tags = changes.tags();
        }
        if (changes.customMetadataJson() != null) {
            file.customMetadataJson = changes.customMetadataJson();
        }
        file.touch(user, time);
    }

    private void share(Share share, UUID user, Instant time) {
        FileState file = known("data.fileId", share.fileId());
        ShareRow existing = currentState(share.shareId());
        if (existing != null && !existing.fileId().equals(share.fileId())) {
            throw new InvalidEventException(
                    "data.shareId", "names a share of another file", RejectionReason.NOT_APPLICABLE);
        }
        if (existing != null && !existing.active()) {
            if (announces(existing, share, user)) {
                // The announcement of a grant the service already wrote, revoked since: nothing to apply.
                return;
            }
            throw new InvalidEventException(
                    "data.shareId",
                    "a revoked or replaced share is never re-activated; " + "grant a new share",
                    RejectionReason.FORBIDDEN);
        }
        ShareRow held = file.createdBy.equals(user) ? null : heldShare(file.fileId, user);
        String refusal = AccessRules.grantRefusal(
                file.createdBy,
                user,
                held,
                new AccessRules.Grant(
                        share.sharedWith(),
                        share.canRead(),
                        share.canWrite(),
                        share.canDelete(),
                        share.canShare(),
                        share.expiresAt(),
                        share.passwordHash() != null,
                        share.maxDownloads()),
                time);
        if (refusal != null) {
            throw new InvalidEventException("data.userId", refusal, RejectionReason.FORBIDDEN);
        }
        // A new grant replaces the recipient's active share on the file, in this batch and in the table.
        shares.replaceAll((id, other) -> other.active()
                        && other.fileId().equals(share.fileId())
                        && other.sharedWith().equals(share.sharedWith())
                        && !id.equals(share.shareId())
                ? deactivated(other, time)
                : other);
        shares.put(
                share.shareId(),
                new ShareRow(
                        share.shareId(),
                        share.fileId(),
                        user,
                        share.sharedWith(),
                        share.canRead(),
                        share.canWrite(),
                        share.canDelete(),
                        share.canShare(),
                        share.expiresAt(),
                        share.passwordHash(),
                        share.maxDownloads(),
                        existing == null ? 0 : existing.downloadCount(),
                        true,
                        existing == null ? time : existing.createdAt(),
                        time,
                        existing == null ? null : existing.lastAccessedAt(),
                        held == null ? null : held.id()));
    }

    /** Whether the event grants exactly this share, as its sharer wrote it. */
    private static boolean announces(ShareRow stored, Share share, UUID user) {
        return stored.sharedBy().equals(user)
                && stored.sharedWith().equals(share.sharedWith())
                && stored.canRead() == share.canRead()
                && stored.canWrite() == share.canWrite()
                && stored.canDelete() == share.canDelete()
                && stored.canShare() == share.canShare()
                && java.util.Objects.equals(stored.expiresAt(), share.expiresAt())
                && java.util.Objects.equals(stored.passwordHash(), share.passwordHash())
                && java.util.Objects.equals(stored.maxDownloads(), share.maxDownloads());
    }

    private void revoke(RevokeShare revoke, UUID user, Instant time) {
        FileState file = known("data.fileId", revoke.fileId());
        ShareRow share = currentState(revoke.shareId());
        if (share == null || !share.fileId().equals(revoke.fileId())) {
            // An unknown share, or one of another file: nothing to revoke.
            return;
        }
        String refusal = AccessRules.revokeRefusal(file.createdBy, user, share);
        if (refusal != null) {
            throw new InvalidEventException("data.userId", refusal, RejectionReason.FORBIDDEN);
        }
        // The share and every share granted from it, down the line: those of this batch here, the table's by
        // the revocation statement.
        Set<UUID> line = new HashSet<>(Set.of(revoke.shareId()));
        boolean grew = true;
        while (grew) {
            grew = false;
            for (ShareRow other : shares.values()) {
                if (other.grantedFrom() != null && line.contains(other.grantedFrom()) && line.add(other.id())) {
                    grew = true;
                }
            }
        }
        for (UUID id : line) {
            ShareRow pending = shares.get(id);
            if (pending != null && pending.active()) {
                shares.put(id, deactivated(pending, time));
            }
        }
        revokedShares.addAll(line);
        if (storedShares.containsKey(revoke.shareId())) {
            revocations.add(new Revocation(revoke.shareId(), revoke.fileId(), time));
        }
    }

    /** A share as it stands at this point of the batch: this batch's version, else the table's. */
    private ShareRow currentState(UUID shareId) {
        ShareRow pending = shares.get(shareId);
        if (pending != null) {
            return pending;
        }
        ShareRow stored = storedShares.get(shareId);
        return stored != null && revokedShares.contains(shareId) ? deactivated(stored, stored.updatedAt()) : stored;
    }

    /** The share a user holds on a file at this point of the batch, or null. */
    private ShareRow heldShare(String fileId, UUID user) {
        ShareRow newest = null;
        for (ShareRow share : shares.values()) {
            if (share.active()
                    && share.fileId().equals(fileId)
                    && share.sharedWith().equals(user)) {
                newest = share;
            }
        }
        if (newest != null) {
            return newest;
        }
        ShareRow stored = heldCache
                .computeIfAbsent(fileId + ' ' + user, key -> heldShares.held(fileId, user))
                .orElse(null);
        // Changed by this batch (revoked, replaced): the batch's version counts, and it is not active.
        return stored == null || shares.containsKey(stored.id()) || revokedShares.contains(stored.id()) ? null : stored;
    }

    /** The file, when the user may act on it so; otherwise the event is refused and changes nothing. */
    private FileState authorized(FileState file, UUID user, FileAction action, Instant time) {
        if (file.createdBy.equals(user)) {
            return file;
        }
        String refusal = AccessRules.refusal(
                file.createdBy, user, user == null ? null : heldShare(file.fileId, user), action, time);
        if (refusal != null) {
            throw new InvalidEventException("data.userId", refusal, RejectionReason.FORBIDDEN);
        }
        return file;
    }

    private static ShareRow deactivated(ShareRow share, Instant time) {
        return new ShareRow(
                share.id(),
                share.fileId(),
                share.sharedBy(),
                share.sharedWith(),
                share.canRead(),
                share.canWrite(),
                share.canDelete(),
                share.canShare(),
                share.expiresAt(),
                share.passwordHash(),
                share.maxDownloads(),
                share.downloadCount(),
                false,
                share.createdAt(),
                time,
                share.lastAccessedAt(),
                share.grantedFrom());
    }

    private FileState known(String field, String fileId) {
        FileState file = files.get(fileId);
        if (file == null) {
            throw new FileNotYetKnownException(field, fileId);
        }
        return file;
    }

    private void addVersion(FileState file, String versionFileId, String changeDescription, UUID user, Instant time) {
        file.latestVersion++;
        file.storedBytes += file.size;
        versions.add(new PendingVersion(
                file,
                new VersionRow(
                        file.fileId,
                        file.latestVersion,
                        versionFileId,
                        file.filename,
                        file.size,
                        file.checksum,
                        file.mimeType,
                        file.providerPath,
                        user,
                        time,
                        changeDescription,
                        true)));
    }

    /** A quota entity a file is charged to. */
    private record Entity(String type, String id, UUID user) {}

    private static List<Entity> entitiesOf(FileState file) {
        List<Entity> entities = new ArrayList<>(3);
        entities.add(new Entity(QuotaEntityType.USER.dbValue(), file.createdBy.toString(), file.createdBy));
        if (file.organizationId != null) {
            entities.add(new Entity(QuotaEntityType.ORGANIZATION.dbValue(), file.organizationId, null));
        }
        if (file.projectId != null) {
            entities.add(new Entity(QuotaEntityType.PROJECT.dbValue(), file.projectId, null));
        }
        return entities;
    }

    private void charge(FileState file, long bytes, int count) {
        for (Entity entity : entitiesOf(file)) {
            String key = entityKey(entity.type(), entity.id());
            long[] delta = usage.computeIfAbsent(key, k -> new long[2]);
            delta[0] += bytes;
            delta[1] += count;
            if (entity.user() != null) {
                usageUsers.put(key, entity.user());
            }
        }
    }

    private void noteUpload(FileState file, long size) {
        for (Entity entity : entitiesOf(file)) {
            largestUpload.merge(entityKey(entity.type(), entity.id()), size, Math::max);
        }
    }

    static String entityKey(String type, String id) {
        return type + ':' + id;
    }

    /** Everything the applied events changed. */
    BatchWrites writes() {
        List<FileWrite> fileRows = files.values().stream()
                .filter(f -> f.dirty)
                .map(f -> new FileWrite(f.toRow(), f.announcements()))
                .toList();
        Map<UUID, String> renames = new LinkedHashMap<>();
        files.values().stream()
                .filter(f -> f.storedFileId != null && !f.storedFileId.equals(f.fileId))
                .forEach(f -> renames.put(f.id, f.fileId));
        List<UUID> removed = absorbed.stream()
                .filter(f -> f.storedFileId != null)
                .map(f -> f.id)
                .toList();
        // Only the last version added to a file in this batch stays current.
        List<VersionRow> versionRows = new ArrayList<>(versions.size());
        Set<String> filesWithNewVersions = new LinkedHashSet<>();
        for (PendingVersion pending : versions) {
            if (pending.file().absorbed) {
                continue;
            }
            VersionRow v = pending.row();
            FileState file = pending.file();
            boolean current = file.latestVersion == v.versionNumber();
            long size = current ? file.size : v.size();
            filesWithNewVersions.add(file.fileId);
            versionRows.add(new VersionRow(
                    file.fileId,
                    v.versionNumber(),
                    v.versionFileId(),
                    v.filename(),
                    size,
                    v.checksum(),
                    v.mimeType(),
                    v.providerPath(),
                    v.createdBy(),
                    v.createdAt(),
                    v.changeDescription(),
                    current));
        }
        List<SizeCorrection> corrections = sizeCorrections.stream()
                .filter(f -> !f.absorbed)
                .distinct()
                .map(f -> new SizeCorrection(f.fileId, f.latestVersion, f.size))
                .toList();
        List<UsageDelta> deltas = new ArrayList<>();
        usage.forEach((key, delta) -> {
            if (delta[0] != 0 || delta[1] != 0) {
                int colon = key.indexOf(':');
                deltas.add(new UsageDelta(
                        key.substring(0, colon),
                        key.substring(colon + 1),
                        usageUsers.get(key),
                        delta[0],
                        Math.toIntExact(delta[1])));
            }
        });
        List<ObjectSequence> sequenceRows =
                dirtySequences.stream().map(sequences::get).toList();
        return new BatchWrites(
                removed,
                renames,
                fileRows,
                Set.copyOf(filesWithNewVersions),
                versionRows,
                corrections,
                List.copyOf(revocations),
                List.copyOf(shares.values()),
                List.copyOf(shareAccesses),
                List.copyOf(quotaLimits),
                deltas,
                Map.copyOf(largestUpload),
                sequenceRows);
    }
}
