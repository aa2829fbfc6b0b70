package io.storagecatalog.common.catalog;

import java.time.Instant;
import java.util.UUID;

/**
 * A row of {@code storage_file_shares}, naming its file by fileId.
 *
 * @param grantedFrom the share its sharer held when granting it (null when the owner granted it)
 */
public record ShareRow(
        UUID id,
        String fileId,
        UUID sharedBy,
        UUID sharedWith,
        boolean canRead,
        boolean canWrite,
        boolean canDelete,
        boolean canShare,
        Instant expiresAt,
        String passwordHash,
        Integer maxDownloads,
        int downloadCount,
        boolean active,
        Instant createdAt,
        Instant updatedAt,
        Instant lastAccessedAt,
        UUID grantedFrom) {

    public boolean requiresPassword() {
        return passwordHash != null;
    }
}
