package io.storagecatalog.common.catalog;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The four ways into {@code storage_files}, for a caller that needs them all (the service API): the write
 * path and single reads, {@code listFiles}, the live statistics, and what maintenance does.
 */
public record CatalogFiles(
        FileRepository rows,
        FileSearchRepository search,
        FileStatisticsRepository statistics,
        FileMaintenanceRepository maintenance) {

    public static CatalogFiles of(JdbcTemplate jdbc) {
        return new CatalogFiles(
                new FileRepository(jdbc),
                new FileSearchRepository(jdbc),
                new FileStatisticsRepository(jdbc),
                new FileMaintenanceRepository(jdbc));
    }
}
