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
 * @param passwordAttempts        wrong passwords a share takes within {@code passwordWindow} before its
 *                                checks are refused until the window has passed
 * @param passwordWindow          the window of {@code passwordAttempts}
 */
@ConfigurationProperties("storage-catalog.service")
public record ServiceProperties(
        @DefaultValue("30s") Duration cacheTtl,
        Long defaultMaxStorageBytes,
        Integer defaultMaxFiles,
        Long defaultMaxFileSizeBytes,
        @DefaultValue("5") int passwordAttempts,
        @DefaultValue("15m") Duration passwordWindow) {

    public ServiceProperties {
        if (passwordAttempts < 1) {
            throw new IllegalArgumentException(
                    "storage-catalog.service.password-attempts: must be at least 1, was " + passwordAttempts);
        }
        if (passwordWindow.isNegative() || passwordWindow.isZero()) {
            throw new IllegalArgumentException(
                    "storage-catalog.service.password-window: must be positive, was " + passwordWindow);
        }
    }
}
