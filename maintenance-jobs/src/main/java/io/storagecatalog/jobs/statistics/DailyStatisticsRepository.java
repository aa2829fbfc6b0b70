package io.storagecatalog.jobs.statistics;

import io.storagecatalog.common.jdbc.CopyRow;
import io.storagecatalog.common.jdbc.CopyText;
import io.storagecatalog.common.jdbc.CopyWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** All SQL of {@code storage_daily_statistics}. */
@Component
public class DailyStatisticsRepository {

    private static final String LAST_FINAL_DAY = "SELECT max(day) FROM storage_daily_statistics WHERE final";
    private static final String FIRST_DAY = """
            SELECT (min(created_at) AT TIME ZONE 'UTC')::date FROM storage_operations
            """;
    private static final String DELETE_DAYS = "DELETE FROM storage_daily_statistics WHERE day >= ? AND day < ?";

    // The operations of a range of days in time order, each with what the statistics need of its file
    // (the catalog joined once for the whole range): the UTC day as days since 1970-01-01, the outcome
    // as DailyTally.Outcome's code, the file only for a successful upload (the distinct files counted).
    // Operations of files no longer in the catalog count under 'unknown'. A COPY streams without round
    // trips but takes no bind parameters: the range comes as settings of the read's transaction, bound
    // by SET_READ (PostgreSQL evaluates them when it plans, so it estimates the range as for constants).
    private static final String COPY_OPERATIONS = """
            COPY (
                SELECT (o.created_at AT TIME ZONE 'UTC')::date - DATE '1970-01-01',
                       CASE o.status
                           WHEN 'success' THEN CASE o.operation WHEN 'upload' THEN %d WHEN 'download' THEN %d
                                                                WHEN 'delete' THEN %d ELSE %d END
                           WHEN 'failed' THEN %d ELSE %d END,
                       coalesce(o.bytes_transferred, 0), o.user_id,
                       CASE WHEN o.status = 'success' AND o.operation = 'upload' THEN o.file_id END,
                       f.organization_id, f.project_id, coalesce(split_part(f.mime_type, '/', 1), 'unknown'),
                       coalesce(f.data_classification, 'unknown')
                FROM storage_operations o LEFT JOIN storage_files f ON f.file_id = o.file_id
                WHERE o.created_at >= current_setting('storage_catalog.statistics_from')::timestamptz
                  AND o.created_at < current_setting('storage_catalog.statistics_to')::timestamptz
                ORDER BY o.created_at
            ) TO STDOUT
            """.formatted(
                    DailyTally.Outcome.UPLOADED.code(),
                    DailyTally.Outcome.DOWNLOADED.code(),
                    DailyTally.Outcome.DELETED.code(),
                    DailyTally.Outcome.OTHER_SUCCESS.code(),
                    DailyTally.Outcome.FAILED.code(),
                    DailyTally.Outcome.PENDING.code());

    // The read's settings, in its transaction only: memory for the catalog's hash and the sort (with
    // less, PostgreSQL splits the hash into batches on disk), no parallel workers (the job runs units side
    // by side instead), and the range.
    private static final String SET_READ = """
            SELECT set_config('work_mem', ?, true), set_config('max_parallel_workers_per_gather', '0', true),
                   set_config('storage_catalog.statistics_from', ?, true),
                   set_config('storage_catalog.statistics_to', ?, true)
            """;

    private static final String COPY_DAYS = """
            COPY storage_daily_statistics (day, scope_type, scope_id, mime_category, data_classification, files, bytes,
                uploads, downloads, deletes, bytes_transferred, failures, final, computed_at) FROM STDIN
            """;

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
            // The settings hold for a transaction of the read's own, ended here.
            connection.setAutoCommit(false);
            try {
                try (PreparedStatement settings = connection.prepareStatement(SET_READ)) {
                    settings.setString(1, readMemory);
                    settings.setString(
                            2, from.atStartOfDay(ZoneOffset.UTC).toInstant().toString());
                    settings.setString(
                            3, to.atStartOfDay(ZoneOffset.UTC).toInstant().toString());
                    settings.execute();
                }
                CopyOut copy =
                        connection.unwrap(PGConnection.class).getCopyAPI().copyOut(COPY_OPERATIONS);
                try {
                    CopyRow row = new CopyRow();
                    byte[] line;
                    while ((line = copy.readFromCopy()) != null) {
                        row.of(line);
                        DailyTally tally = days.tallyOf(row.next().number());
                        TextDictionary texts = days.texts;
                        DailyTally.Outcome outcome =
                                DailyTally.Outcome.ofCode((int) row.next().number());
                        long bytes = row.next().number();
                        String user = texts.text(row.next());
                        String file = row.next().text();
                        tally.add(
                                outcome,
                                bytes,
                                user,
                                file,
                                texts.text(row.next()),
                                texts.text(row.next()),
                                texts.text(row.next()),
                                texts.text(row.next()));
                    }
                } finally {
                    if (copy.isActive()) {
                        copy.cancelCopy();
                    }
                }
            } finally {
                connection.rollback();
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            RuntimeException translated =
                    jdbc.getExceptionTranslator().translate("reading operations for statistics", COPY_OPERATIONS, e);
            throw translated != null ? translated : new IllegalStateException("reading operations failed", e);
        }
    }

    /** The tally of the day being read; a finished day's rows go to the COPY as the next day begins. */
    private static final class DayWriter {

        private final CopyWriter out;
        private final LocalDate finalBefore;
        private final String computedAt;
        // The texts of the day being read.
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
                line.append('\t')
                        .append(row.files())
                        .append('\t')
                        .append(row.bytes())
                        .append('\t')
                        .append(row.uploads())
                        .append('\t')
                        .append(row.downloads())
                        .append('\t')
                        .append(row.deletes())
                        .append('\t')
                        .append(row.bytesTransferred())
                        .append('\t')
                        .append(row.failures())
                        .append('\t')
                        .append(isFinal)
                        .append('\t')
                        .append(computedAt)
                        .append('\n');
                out.rowAdded();
                written++;
            }
            tally = null;
            texts.clear();
        }
    }
}
