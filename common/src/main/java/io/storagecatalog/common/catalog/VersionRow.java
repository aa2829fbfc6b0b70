package io.storagecatalog.common.catalog;

import java.time.Instant;
import java.util.UUID;

/** A row of {@code storage_file_versions}, naming its file by fileId. */
public record VersionRow(
        String fileId,
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
        boolean current) {}
