package io.storagecatalog.faults;

import io.storagecatalog.common.event.CatalogCommand.Copy;
import io.storagecatalog.common.event.CatalogCommand.Delete;
import io.storagecatalog.common.event.CatalogCommand.Download;
import io.storagecatalog.common.event.CatalogCommand.Move;
import io.storagecatalog.common.event.CatalogCommand.Restore;
import io.storagecatalog.common.event.CatalogCommand.RevokeShare;
import io.storagecatalog.common.event.CatalogCommand.Share;
import io.storagecatalog.common.event.CatalogCommand.UpdateMetadata;
import io.storagecatalog.common.event.CatalogCommand.Upload;
import io.storagecatalog.common.event.CatalogEvent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What the catalog must hold after a stream, computed the simplest way: the successful events applied
 * one by one, in publication order, to plain maps. Written apart from the worker's batch engine, from
 * the rules of docs/ingest.md.
 *
 * <p>One thing publication order cannot decide: a copy takes its source's content when the worker
 * applies it, and the copy and its source live in different partitions, so the source may have
 * received newer versions by then, or not yet the ones published before the copy. The model therefore
 * knows a copy's size as the set of sizes its source ever had.
 */
final class ReferenceModel {

    /** One file as the catalog must hold it. */
    static final class ExpectedFile {
        final String fileId;
        final UUID owner;
        boolean deleted;
        String filename;
        String providerPath;
        int versions;
        long accessCount;
        final Map<UUID, UUID> activeShares = new LinkedHashMap<>();
        /** Sizes the file had, in order: a concrete size, or a copy of another file from a point on. */
        final List<SizeState> history = new ArrayList<>();

        ExpectedFile(String fileId, UUID owner) {
            this.fileId = fileId;
            this.owner = owner;
        }
    }

    private record SizeState(Long size, ExpectedFile copiedFrom) {}

    private final Map<String, ExpectedFile> files = new LinkedHashMap<>();

    ReferenceModel(List<CatalogEvent> events) {
        events.stream().filter(event -> event.audit().succeeded()).forEach(this::apply);
    }

    private void apply(CatalogEvent event) {
        var command = event.command();
        if (event.s3Order() != null) {
            applyNotification(event);
            return;
        }
        if (command instanceof Upload upload) {
            ExpectedFile file = files.computeIfAbsent(
                    upload.fileId(), id -> new ExpectedFile(id, event.audit().userId()));
            file.deleted = false;
            file.filename = upload.filename();
            file.providerPath = upload.providerPath();
            file.versions++;
            file.history.add(new SizeState(upload.size(), null));
            if (upload.providerPath().startsWith(FaultStream.TWICE_BUCKET + "/")) {
                Paired paired = pairs.computeIfAbsent(upload.providerPath(), o -> new Paired());
                paired.file = file;
                paired.serviceUploads++;
                settle(file, paired);
            }
        } else if (command instanceof Download download) {
            ExpectedFile file = file(download.fileId());
            Paired paired =
                    file.providerPath.startsWith(FaultStream.TWICE_BUCKET + "/") ? pairs.get(file.providerPath) : null;
            if (paired == null) {
                file.accessCount++;
            } else {
                paired.serviceReads++;
                settle(file, paired);
            }
        } else if (command instanceof Delete delete) {
            file(delete.fileId()).deleted = true;
        } else if (command instanceof Restore restore) {
            file(restore.fileId()).deleted = false;
        } else if (command instanceof Copy copy) {
            ExpectedFile source = file(copy.sourceFileId());
            ExpectedFile file = new ExpectedFile(copy.fileId(), event.audit().userId());
            file.filename = copy.filename() != null ? copy.filename() : source.filename;
            file.providerPath = copy.providerPath() != null ? copy.providerPath() : source.providerPath;
            file.versions = 1;
            file.history.add(new SizeState(null, source));
            files.put(file.fileId, file);
        } else if (command instanceof Move move) {
            ExpectedFile file = file(move.fileId());
            if (move.providerPath() != null) {
                file.providerPath = move.providerPath();
            }
            if (move.filename() != null) {
                file.filename = move.filename();
            }
        } else if (command instanceof UpdateMetadata update) {
            if (update.changes().filename() != null) {
                file(update.fileId()).filename = update.changes().filename();
            }
        } else if (command instanceof Share share) {
            ExpectedFile file = file(share.fileId());
            file.activeShares.values().removeIf(recipient -> recipient.equals(share.sharedWith()));
            file.activeShares.put(share.shareId(), share.sharedWith());
        } else if (command instanceof RevokeShare revoke) {
            file(revoke.fileId()).activeShares.remove(revoke.shareId());
        } else if (!(command instanceof io.storagecatalog.common.event.CatalogCommand.SetQuota)) {
            // Limits change no file; usage is checked against the recalculation.
            throw new IllegalStateException("the fault stream holds no " + command);
        }
    }

    /**
     * The stream's notifications all speak of objects their service announces too, once each for the upload
     * and once for a read, before or after the service: one file, one version, one read. Whichever side comes
     * first creates (or counts) it; the other confirms. The file is the service's (its fileId and owner).
     */
    private void applyNotification(CatalogEvent event) {
        String object = ((io.storagecatalog.common.event.CatalogCommand.FileCommand) event.command()).fileId();
        Paired paired = pairs.computeIfAbsent(object, o -> new Paired());
        if (event.command() instanceof Upload) {
            paired.storeUploads++;
        } else if (event.command() instanceof Download) {
            paired.storeReads++;
        } else {
            throw new IllegalStateException("the fault stream holds no store " + event.command());
        }
        ExpectedFile file = paired.file;
        if (file != null) {
            settle(file, paired);
        }
    }

    private void settle(ExpectedFile file, Paired paired) {
        file.versions = Math.max(paired.serviceUploads, paired.storeUploads);
        file.accessCount = Math.max(paired.serviceReads, paired.storeReads);
    }

    /** What each side announced of one object both sides speak of. */
    private static final class Paired {
        ExpectedFile file;
        int serviceUploads;
        int storeUploads;
        int serviceReads;
        int storeReads;
    }

    private final Map<String, Paired> pairs = new LinkedHashMap<>();

    private ExpectedFile file(String fileId) {
        ExpectedFile file = files.get(fileId);
        if (file == null) {
            throw new IllegalStateException("the stream names " + fileId + " before it exists");
        }
        return file;
    }

    Map<String, ExpectedFile> files() {
        return files;
    }

    /** The sizes the file's current version may have (one, unless it is a copy taken at apply time). */
    Set<Long> possibleSizes(ExpectedFile file) {
        return possibleSizes(file, file.history.size() - 1);
    }

    private Set<Long> possibleSizes(ExpectedFile file, int index) {
        SizeState state = file.history.get(index);
        if (state.size() != null) {
            return Set.of(state.size());
        }
        // Any state of the source: its partition may be behind or ahead of the copy's.
        Set<Long> sizes = new HashSet<>();
        for (int i = 0; i < state.copiedFrom().history.size(); i++) {
            sizes.addAll(possibleSizes(state.copiedFrom(), i));
        }
        return sizes;
    }
}
