package io.storagecatalog.common.service;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of {@link StorageDatabaseService}.
 *
 * @param cacheTtl                how long statistics and health information are served from memory
 *                                (access decisions are never cached)
 * @param defaultMaxStorageBytes  the byte limit of an entity without a quota (null: none)
 * @param defaultMaxFiles         the file limit of an entity without a quota (null: none)
 * @param defaultMaxFileSizeBytes the per-file limit of an entity without a quota (null: none)
 */
@ConfigurationProperties("storage-catalog.service")
public record ServiceProperties(
        @DefaultValue("30s") Duration cacheTtl,
        Long defaultMaxStorageBytes,
        Integer defaultMaxFiles,
        Long defaultMaxFileSizeBytes) {
}
