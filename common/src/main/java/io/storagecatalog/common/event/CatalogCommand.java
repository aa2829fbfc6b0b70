package io.storagecatalog.common.event;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What an event asks of the catalog: one record per operation of the contract. */
public sealed interface CatalogCommand {

    /**
     * The Kafka record key the contract prescribes: the fileId, or {@code entityType:entityId} for a
     * quota. Events with one key are applied in order.
     */
    String routingKey();

    /** Commands about one file. */
    sealed interface FileCommand extends CatalogCommand {
        String fileId();

        @Override
        default String routingKey() {
            return fileId();
        }
    }

    /**
     * A new file, or a new version of an existing one.
     *
     * @param providerMetadataJson JSON object text
     * @param customMetadataJson   JSON object text
     */
    record Upload(
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
            DataClassification classification,
            boolean encrypted,
            String encryptionKeyId,
            List<String> tags,
            String customMetadataJson,
            String versionFileId,
            String changeDescription,
            String organizationId,
            String projectId)
            implements FileCommand {
        public Upload {
            tags = List.copyOf(tags);
        }
    }

    /** @param shareId the share the content was read through, or null */
    record Download(String fileId, UUID shareId) implements FileCommand {}

    record Delete(String fileId) implements FileCommand {}

    record Restore(String fileId) implements FileCommand {}

    /** @param providerPath where the copy lives, or null for the source's path */
    record Copy(String fileId, String sourceFileId, String providerPath, String filename) implements FileCommand {}

    /** At least one of providerPath and filename is present. */
    record Move(String fileId, String providerPath, String filename) implements FileCommand {}

    record UpdateMetadata(String fileId, MetadataChanges changes) implements FileCommand {}

    /**
     * Fields of {@code storage.file.update-metadata}; null means "not given, keep the old value".
     */
    record MetadataChanges(
            String filename,
            String mimeType,
            DataClassification classification,
            List<String> tags,
            String customMetadataJson) {
        public MetadataChanges {
            tags = tags == null ? null : List.copyOf(tags);
        }
    }

    /** @param passwordHash an Argon2id or bcrypt PHC string, or null */
    record Share(
            String fileId,
            UUID shareId,
            UUID sharedWith,
            boolean canRead,
            boolean canWrite,
            boolean canDelete,
            boolean canShare,
            Instant expiresAt,
            String passwordHash,
            Integer maxDownloads)
            implements FileCommand {}

    record RevokeShare(String fileId, UUID shareId) implements FileCommand {}

    /** @param userId the user the quota belongs to, or null */
    record SetQuota(
            QuotaEntityType entityType,
            String entityId,
            UUID userId,
            long maxStorageBytes,
            int maxFiles,
            long maxFileSizeBytes,
            boolean active)
            implements CatalogCommand {
        @Override
        public String routingKey() {
            return entityType.dbValue() + ':' + entityId;
        }
    }
}
