package io.storagecatalog.common.catalog;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/** The live statistics of {@code storage_files}: totals and groups, of one owner or everyone, and files by status. */
public class FileStatisticsRepository {

    private final JdbcTemplate jdbc;

    public FileStatisticsRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Counts and bytes of a group of live files. */
    public record Group(String key, long files, long bytes) {}

    /** Totals of live files, of one owner or of everyone. */
    public record Totals(long files, long bytes, long averageBytes, long largestBytes) {}

    private static final String OWNER_SCOPE =
            " WHERE status <> 'deleted' AND (?::uuid IS NULL OR created_by = ?::uuid)";

    public Totals totals(java.util.UUID owner) {
        return jdbc.queryForObject(
                "SELECT count(*), coalesce(sum(size), 0), coalesce(avg(size), 0)::bigint, "
                        + "coalesce(max(size), 0) FROM storage_files" + OWNER_SCOPE,
                (rs, n) -> new Totals(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)),
                owner,
                owner);
    }

    /** Live files grouped by provider, MIME type or classification, largest groups first, at most {@code top}. */
    public List<Group> groups(GroupBy by, java.util.UUID owner, int top) {
        return jdbc.query(
                "SELECT " + by.column + ", count(*), coalesce(sum(size), 0) FROM storage_files" + OWNER_SCOPE
                        + " GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?",
                (rs, n) -> new Group(rs.getString(1), rs.getLong(2), rs.getLong(3)),
                owner,
                owner,
                top);
    }

    /** The groupings of the statistics (fixed columns: never user input in SQL). */
    public enum GroupBy {
        PROVIDER("provider"),
        MIME_TYPE("mime_type"),
        CLASSIFICATION("data_classification");

        final String column;

        GroupBy(String column) {
            this.column = column;
        }
    }

    /** Files by status (for health information). */
    public java.util.Map<String, Long> countByStatus() {
        java.util.Map<String, Long> counts = new java.util.TreeMap<>();
        jdbc.query(
                "SELECT status, count(*) FROM storage_files GROUP BY status",
                (org.springframework.jdbc.core.RowCallbackHandler) rs -> counts.put(rs.getString(1), rs.getLong(2)));
        return counts;
    }

    /** The catalog database's size on disk, in bytes (for health information, beside the files' totals). */
    public long databaseBytes() {
        return jdbc.queryForObject("SELECT pg_database_size(current_database())", Long.class);
    }
}
