package io.storagecatalog.api.statistics;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Reads of {@code storage_daily_statistics} (written by the statistics job): a scope's daily series. */
@Component
class DailyStatisticsQueryRepository {

    private final JdbcTemplate jdbc;

    DailyStatisticsQueryRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Days in {@code [from, to)} of one scope, by day then group; served by the scope index. */
    List<DailySeries.Day> series(
            String scopeType, String scopeId, LocalDate from, LocalDate to, DailySeries.Breakdown by) {
        String sql = "SELECT day, " + by.column() + " AS grp, sum(files), sum(bytes), sum(uploads), sum(downloads), "
                + "sum(deletes), sum(bytes_transferred), sum(failures), bool_and(final) "
                + "FROM storage_daily_statistics WHERE scope_type = ? AND scope_id = ? AND day >= ? AND day < ? "
                + "GROUP BY day, grp ORDER BY day, grp";
        return jdbc.query(
                sql,
                (rs, n) -> new DailySeries.Day(
                        rs.getDate(1).toLocalDate(),
                        rs.getString(2),
                        rs.getLong(3),
                        rs.getLong(4),
                        rs.getLong(5),
                        rs.getLong(6),
                        rs.getLong(7),
                        rs.getLong(8),
                        rs.getLong(9),
                        rs.getBoolean(10)),
                scopeType,
                scopeId,
                Date.valueOf(from),
                Date.valueOf(to));
    }
}
