package io.storagecatalog.api.files;

import io.storagecatalog.common.catalog.FileRow;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** A file's metadata as the API shows it; the provider's and the caller's metadata as JSON objects. */
record FileView(
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
        JsonNode providerMetadata,
        String dataClassification,
        boolean encrypted,
        String encryptionKeyId,
        List<String> tags,
        JsonNode customMetadata,
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

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    static FileView of(FileRow row) {
        return new FileView(
                row.fileId(),
                row.filename(),
                row.originalName(),
                row.mimeType(),
                row.size(),
                row.checksum(),
                row.checksumAlgorithm(),
                row.encoding(),
                row.provider(),
                row.providerPath(),
                json(row.providerMetadataJson()),
                row.dataClassification(),
                row.encrypted(),
                row.encryptionKeyId(),
                row.tags(),
                json(row.customMetadataJson()),
                row.organizationId(),
                row.projectId(),
                row.createdBy(),
                row.updatedBy(),
                row.createdAt(),
                row.updatedAt(),
                row.lastAccessedAt(),
                row.accessCount(),
                row.status(),
                row.deletedAt());
    }

    private static JsonNode json(String text) {
        return text == null ? JSON.createObjectNode() : JSON.readTree(text);
    }
}
