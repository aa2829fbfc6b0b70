package io.storagecatalog.common.stats;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.springframework.jdbc.core.JdbcTemplate;

import io.storagecatalog.common.jdbc.Sql;

/** All SQL of {@code storage_daily_statistics}. */
public class DailyStatisticsRepository {

    private static final String LAST_FINAL_DAY = "SELECT max(day) FROM storage_daily_statistics WHERE final";
    private static final String FIRST_DAY = """
            SELECT (min(created_at) AT TIME ZONE 'UTC')::date FROM storage_operations
            """;
    private static final String DELETE_DAYS = "DELETE FROM storage_daily_statistics WHERE day >= ? AND day < ?";

    // The aggregates of a range of days for every scope at once (grouping sets, each with the day), from
    // the audit trail joined to the catalog for MIME type, classification, organization and project.
    // Operations of files no longer in the catalog count under 'unknown'. Days are UTC days. A range of
    // days in one statement joins the catalog once for all of them, not once a day.
    private static final String INSERT_DAYS = """
            INSERT INTO storage_daily_statistics (day, scope_type, scope_id, mime_category, data_classification,
                files, bytes, uploads, downloads, deletes, bytes_transferred, failures, final, computed_at)
            WITH ops AS (
                SELECT (o.created_at AT TIME ZONE 'UTC')::date AS day, o.file_id, o.operation, o.status,
                       coalesce(o.bytes_transferred, 0) AS bytes_transferred,
                       o.user_id::text AS user_id, f.organization_id, f.project_id,
                       coalesce(split_part(f.mime_type, '/', 1), 'unknown') AS mime_category,
                       coalesce(f.data_classification, 'unknown') AS classification
                FROM storage_operations o LEFT JOIN storage_files f ON f.file_id = o.file_id
                WHERE o.created_at >= ? AND o.created_at < ?
            ), grouped AS (
                SELECT day,
                       CASE WHEN GROUPING(user_id) = 0 THEN 'user'
                            WHEN GROUPING(organization_id) = 0 THEN 'organization'
                            WHEN GROUPING(project_id) = 0 THEN 'project' ELSE 'all' END AS scope_type,
                       CASE WHEN GROUPING(user_id) = 0 THEN user_id
                            WHEN GROUPING(organization_id) = 0 THEN organization_id
                            WHEN GROUPING(project_id) = 0 THEN project_id ELSE '' END AS scope_id,
                       mime_category, classification,
                       count(DISTINCT file_id) FILTER (WHERE operation = 'upload' AND status = 'success') AS files,
                       coalesce(sum(bytes_transferred) FILTER (WHERE operation = 'upload' AND status = 'success'), 0)
                           AS bytes,
                       count(*) FILTER (WHERE operation = 'upload' AND status = 'success') AS uploads,
                       count(*) FILTER (WHERE operation = 'download' AND status = 'success') AS downloads,
                       count(*) FILTER (WHERE operation = 'delete' AND status = 'success') AS deletes,
                       coalesce(sum(bytes_transferred) FILTER (WHERE status = 'success'), 0) AS bytes_transferred,
                       count(*) FILTER (WHERE status = 'failed') AS failures
                FROM ops
                GROUP BY GROUPING SETS ((day, mime_category, classification),
                                        (day, user_id, mime_category, classification),
                                        (day, organization_id, mime_category, classification),
                                        (day, project_id, mime_category, classification))
            )
            SELECT day, scope_type, scope_id, mime_category, classification, files, bytes, uploads, downloads, deletes,
                   bytes_transferred, failures, day < ?, ?
            FROM grouped WHERE scope_id IS NOT NULL
            """;

    // The grouping sorts a range's operations four ways; memory for them, in this transaction only,
    // keeps the sorts off the disk.
    private static final String SORT_MEMORY = "SELECT set_config('work_mem', ?, true)";

    private final JdbcTemplate jdbc;

    public DailyStatisticsRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The last day whose statistics are final, or null. */
    public LocalDate lastFinalDay() {
        return jdbc.queryForObject(LAST_FINAL_DAY, LocalDate.class);
    }

    /** The first day with any operation on record, or null. */
    public LocalDate firstDay() {
        return jdbc.queryForObject(FIRST_DAY, LocalDate.class);
    }

    /**
     * Recomputes the days from {@code from} to {@code to} (exclusive), in the caller's transaction; the
     * days before {@code finalBefore} are marked final. Returns the rows written.
     *
     * @param sortMemory memory for the grouping's sorts, as PostgreSQL's {@code work_mem} (e.g. "256MB")
     */
    public int recompute(LocalDate from, LocalDate to, LocalDate finalBefore, Instant now, String sortMemory) {
        jdbc.queryForObject(SORT_MEMORY, String.class, sortMemory);
        jdbc.update(DELETE_DAYS, from, to);
        return jdbc.update(connection -> {
            var ps = connection.prepareStatement(INSERT_DAYS);
            Sql.setTime(ps, 1, from.atStartOfDay(ZoneOffset.UTC).toInstant());
            Sql.setTime(ps, 2, to.atStartOfDay(ZoneOffset.UTC).toInstant());
            ps.setObject(3, finalBefore);
            Sql.setTime(ps, 4, now);
            return ps;
        });
    }
}
