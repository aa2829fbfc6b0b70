package io.storagecatalog.ingest.apply;

import io.storagecatalog.common.catalog.Announcements;
import io.storagecatalog.common.catalog.FileRow;
import io.storagecatalog.common.catalog.FileStatus;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A file while a batch is applied to it in memory; written back once, at the end of the batch. */
final class FileState {

    UUID id;
    String fileId;
    String filename;
    String originalName;
    String mimeType;
    long size;
    String checksum;
    String checksumAlgorithm;
    String encoding;
    String provider;
    String providerPath;
    String providerMetadataJson;
    String dataClassification;
    boolean encrypted;
    String encryptionKeyId;
    List<String> tags;
    String customMetadataJson;
    String organizationId;
    String projectId;
    UUID createdBy;
    UUID updatedBy;
    Instant createdAt;
    Instant updatedAt;
    Instant lastAccessedAt;
    int accessCount;
    String status;
    Instant deletedAt;

    /** The fileId the database holds the row under; null for a file created by this batch. */
    String storedFileId;
    /** Absorbed by the file that owns its object: removed at the end of the batch. */
    boolean absorbed;

    int upstreamVersions;
    int storeVersions;
    int upstreamReads;
    int storeReads;

    /** Bytes of every stored version: what the file is charged while it is not deleted. */
    long storedBytes;

    int latestVersion;
    boolean dirty;

    static FileState of(FileRow row, long storedBytes, int latestVersion, Announcements announcements) {
        FileState state = new FileState();
        state.storedFileId = row.fileId();
        state.upstreamVersions = announcements.upstreamVersions();
        state.storeVersions = announcements.storeVersions();
        state.upstreamReads = announcements.upstreamReads();
        state.storeReads = announcements.storeReads();
        state.id = row.id();
        state.fileId = row.fileId();
        state.filename = row.filename();
        state.originalName = row.originalName();
        state.mimeType = row.mimeType();
        state.size = row.size();
        state.checksum = row.checksum();
        state.checksumAlgorithm = row.checksumAlgorithm();
        state.encoding = row.encoding();
        state.provider = row.provider();
        state.providerPath = row.providerPath();
        state.providerMetadataJson = row.providerMetadataJson();
        state.dataClassification = row.dataClassification();
        state.encrypted = row.encrypted();
        state.encryptionKeyId = row.encryptionKeyId();
        state.tags = row.tags();
        state.customMetadataJson = row.customMetadataJson();
        state.organizationId = row.organizationId();
        state.projectId = row.projectId();
        state.createdBy = row.createdBy();
        state.updatedBy = row.updatedBy();
        state.createdAt = row.createdAt();
        state.updatedAt = row.updatedAt();
        state.lastAccessedAt = row.lastAccessedAt();
        state.accessCount = row.accessCount();
        state.status = row.status();
        state.deletedAt = row.deletedAt();
        state.storedBytes = storedBytes;
        state.latestVersion = latestVersion;
        return state;
    }

    /** Known only from the store's notifications: its fileId is its object's bucket/key. */
    boolean knownOnlyFromStore() {
        return fileId.equals(providerPath);
    }

    /** A new object: what each side said of the previous one no longer pairs with anything. */
    void resetAnnouncements() {
        upstreamVersions = 0;
        storeVersions = 0;
        upstreamReads = 0;
        storeReads = 0;
    }

    Announcements announcements() {
        return new Announcements(upstreamVersions, storeVersions, upstreamReads, storeReads);
    }

    boolean deleted() {
        return FileStatus.DELETED.equals(status);
    }

    void touch(UUID user, Instant time) {
        if (user != null) {
            updatedBy = user;
        }
        if (updatedAt == null || time.isAfter(updatedAt)) {
            updatedAt = time;
        }
        dirty = true;
    }

    FileRow toRow() {
        return new FileRow(
                id,
                fileId,
                filename,
                originalName,
                mimeType,
                size,
                checksum,
                checksumAlgorithm,
                encoding,
                provider,
                providerPath,
                providerMetadataJson,
                dataClassification,
                encrypted,
                encryptionKeyId,
                tags,
                customMetadataJson,
                organizationId,
                projectId,
                createdBy,
                updatedBy,
                createdAt,
                updatedAt,
                lastAccessedAt,
                accessCount,
                status,
                deletedAt);
    }
}
