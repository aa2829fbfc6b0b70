package io.storagecatalog.common.catalog;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A row of {@code storage_files}. JSON columns are carried as JSON text (objects), tags as a list.
 *
 * @param id the row's uuid (primary key); the catalog's identifier of the file is {@code fileId}
 */
public record FileRow(
        UUID id,
        String fileId,
        String filename,
        String originalName,
        String mimeType,
        long size,
        String checksum,
        String checksumAlgorithm,
        String encoding,
        String provider,
        String providerPath,
        String providerMetadataJson,
        String dataClassification,
        boolean encrypted,
        String encryptionKeyId,
        List<String> tags,
        String customMetadataJson,
        String organizationId,
        String projectId,
        UUID createdBy,
        UUID updatedBy,
        Instant createdAt,
        Instant updatedAt,
        Instant lastAccessedAt,
        int accessCount,
        String status,
        Instant deletedAt) {

    public FileRow {
        tags = List.copyOf(tags);
    }

    public boolean deleted() {
        return FileStatus.DELETED.equals(status);
    }
}
