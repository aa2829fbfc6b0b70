package io.storagecatalog.common.stats;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;

import io.storagecatalog.common.jdbc.CopyText;
import io.storagecatalog.common.jdbc.CopyWriter;
import io.storagecatalog.common.jdbc.Sql;

/** All SQL of {@code storage_daily_statistics}. */
public class DailyStatisticsRepository {

    private static final String LAST_FINAL_DAY = "SELECT max(day) FROM storage_daily_statistics WHERE final";
    private static final String FIRST_DAY = """
            SELECT (min(created_at) AT TIME ZONE 'UTC')::date FROM storage_operations
            """;
    private static final String DELETE_DAYS = "DELETE FROM storage_daily_statistics WHERE day >= ? AND day < ?";

    // The operations of a range of days in time order, each with what the statistics need of its file
    // (the catalog joined once for the whole range): the UTC day as days since 1970-01-01, the outcome
    // as DailyTally.Outcome's code, the file only for a successful upload (the distinct files counted).
    // Every text column is sent as text, never in pgjdbc's binary format (a uuid is, once prepared): the
    // reader takes their bytes as received.
    // Operations of files no longer in the catalog count under 'unknown'.
    private static final String OPERATIONS = """
            SELECT (o.created_at AT TIME ZONE 'UTC')::date - DATE '1970-01-01' AS epoch_day,
                   CASE o.status
                       WHEN 'success' THEN CASE o.operation WHEN 'upload' THEN 0 WHEN 'download' THEN 1
                                                            WHEN 'delete' THEN 2 ELSE 3 END
                       WHEN 'failed' THEN 4 ELSE 5 END AS outcome,
                   coalesce(o.bytes_transferred, 0) AS bytes_transferred, o.user_id::text AS user_id,
                   CASE WHEN o.status = 'success' AND o.operation = 'upload' THEN o.file_id END AS uploaded_file_id,
                   f.organization_id, f.project_id,
                   coalesce(split_part(f.mime_type, '/', 1), 'unknown') AS mime_category,
                   coalesce(f.data_classification, 'unknown') AS classification
            FROM storage_operations o LEFT JOIN storage_files f ON f.file_id = o.file_id
            WHERE o.created_at >= ? AND o.created_at < ?
            ORDER BY o.created_at
            """;

    private static final String COPY_DAYS = """
            COPY storage_daily_statistics (day, scope_type, scope_id, mime_category, data_classification, files, bytes,
                uploads, downloads, deletes, bytes_transferred, failures, final, computed_at) FROM STDIN
            """;

    // Memory for the read's hash of the catalog and its sort, in the read's transaction only: with less,
    // PostgreSQL splits the catalog's hash into batches on disk.
    private static final String READ_MEMORY = "SELECT set_config('work_mem', ?, true)";

    // Rows fetched a round trip: the read streams, whatever the range; few rows held at a time keep what
    // survives a collection small.
    private static final int FETCH_ROWS = 1_000;

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
     * Recomputes the days from {@code from} to {@code to} (exclusive): their rows are deleted and written
     * anew in the caller's transaction, the days before {@code finalBefore} marked final. The operations
     * are read in one streaming query on a connection of their own (committed audit rows, which never
     * change), counted a day at a time ({@link DailyTally}) and written with one COPY while the read goes on.
     * Returns the rows written.
     *
     * @param readMemory memory for the read's join and sort, as PostgreSQL's {@code work_mem} (e.g. "256MB")
     */
    public int recompute(LocalDate from, LocalDate to, LocalDate finalBefore, Instant now, String readMemory) {
        jdbc.update(DELETE_DAYS, from, to);
        try (CopyWriter out = CopyWriter.open(jdbc, COPY_DAYS)) {
            DayWriter days = new DayWriter(out, finalBefore, now);
            readOperations(from, to, readMemory, days);
            days.flush();
            out.finish();
            return days.written;
        }
    }

    private void readOperations(LocalDate from, LocalDate to, String readMemory, DayWriter days) {
        DataSource dataSource = jdbc.getDataSource();
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            // A cursor needs a transaction; a read-only one, ended here.
            connection.setAutoCommit(false);
            try {
                try (PreparedStatement memory = connection.prepareStatement(READ_MEMORY)) {
                    memory.setString(1, readMemory);
                    memory.execute();
                }
                try (PreparedStatement ps = connection.prepareStatement(OPERATIONS)) {
                    Sql.setTime(ps, 1, from.atStartOfDay(ZoneOffset.UTC).toInstant());
                    Sql.setTime(ps, 2, to.atStartOfDay(ZoneOffset.UTC).toInstant());
                    ps.setFetchSize(FETCH_ROWS);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            DailyTally tally = days.tallyOf(rs.getLong(1));
                            TextDictionary texts = days.texts;
                            tally.add(DailyTally.Outcome.ofCode(rs.getInt(2)), rs.getLong(3), texts.text(rs.getBytes(4)),
                                    rs.getString(5), texts.text(rs.getBytes(6)), texts.text(rs.getBytes(7)),
                                    texts.text(rs.getBytes(8)), texts.text(rs.getBytes(9)));
                        }
                    }
                }
            } finally {
                connection.rollback();
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            RuntimeException translated = jdbc.getExceptionTranslator().translate("reading operations for statistics",
                    OPERATIONS, e);
            throw translated != null ? translated : new IllegalStateException("reading operations failed", e);
        }
    }

    /** The tally of the day being read; a finished day's rows go to the COPY as the next day begins. */
    private static final class DayWriter {

        private final CopyWriter out;
        private final LocalDate finalBefore;
        private final String computedAt;
        // The texts of the day being read (pgjdbc gives a text column's bytes as received).
        private final TextDictionary texts = new TextDictionary();
        private DailyTally tally;
        private long epochDay = Long.MIN_VALUE;
        private int written;

        DayWriter(CopyWriter out, LocalDate finalBefore, Instant now) {
            this.out = out;
            this.finalBefore = finalBefore;
            this.computedAt = now.toString();
        }

        DailyTally tallyOf(long day) {
            if (day != epochDay) {
                flush();
                epochDay = day;
                tally = new DailyTally(LocalDate.ofEpochDay(day));
            }
            return tally;
        }

        void flush() {
            if (tally == null) {
                return;
            }
            String day = tally.day().toString();
            String isFinal = tally.day().isBefore(finalBefore) ? "t" : "f";
            for (DailyTally.Row row : tally.rows()) {
                StringBuilder line = out.rows();
                line.append(day).append('\t').append(row.scopeType()).append('\t');
                CopyText.value(line, row.scopeId());
                line.append('\t');
                CopyText.value(line, row.mimeCategory());
                line.append('\t');
                CopyText.value(line, row.classification());
                line.append('\t').append(row.files()).append('\t').append(row.bytes()).append('\t').append(row.uploads())
                        .append('\t').append(row.downloads()).append('\t').append(row.deletes()).append('\t')
                        .append(row.bytesTransferred()).append('\t').append(row.failures()).append('\t').append(isFinal)
                        .append('\t').append(computedAt).append('\n');
                out.rowAdded();
                written++;
            }
            tally = null;
            texts.clear();
        }
    }
}
