package io.storagecatalog.common.service;

import io.storagecatalog.common.catalog.FileStatisticsRepository.Group;
import java.util.List;
import java.util.Map;

/**
 * Statistics of live files, of one owner or of everyone.
 *
 * @param recentActivity operations of the last 7 days by operation, of the same scope (the caller's own
 *                       operations when scoped to a user)
 */
public record StorageStatistics(
        long totalFiles,
        long totalBytes,
        long averageFileBytes,
        long largestFileBytes,
        List<Group> byProvider,
        List<Group> byMimeType,
        List<Group> byClassification,
        Map<String, Long> recentActivity) {}
