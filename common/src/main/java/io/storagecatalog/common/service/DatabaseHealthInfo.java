package io.storagecatalog.common.service;

import java.util.Map;

/**
 * The source platform's {@code getDatabaseHealthInfo()}.
 *
 * @param filesByStatus     files per status
 * @param storageUsedBytes  bytes of live files' current versions
 * @param operationsEstimate audit rows (the planner's estimate: exact counts of millions cost seconds)
 * @param auditChainHead    position of the audit chain's head
 * @param databaseSizeBytes the database's size on disk
 */
public record DatabaseHealthInfo(
        long totalFiles,
        Map<String, Long> filesByStatus,
        long storageUsedBytes,
        long operationsEstimate,
        long auditChainHead,
        long databaseSizeBytes) {}
