package io.storagecatalog.common.jdbc;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * One {@code COPY ... FROM STDIN} (text format) on the caller's transaction's connection, fed whole rows
 * and sent in pieces as they fill, so that PostgreSQL stores the first rows while the next ones are still
 * being made. {@link #close()} without {@link #finish()} cancels it. Errors come as Spring's data access
 * exceptions (a unique violation as {@code DuplicateKeyException}).
 */
public final class CopyWriter implements AutoCloseable {

    // Characters buffered before a piece is sent: large enough to keep round trips few, small enough for
    // the server to start early.
    private static final int PIECE = 64 * 1024;

    private final JdbcTemplate jdbc;
    private final String sql;
    private final Connection connection;
    private final CopyIn copy;
    private final StringBuilder pending = new StringBuilder(PIECE + 4096);
    // The piece's bytes, reused: most rows are ASCII, written byte for byte.
    private byte[] encoded = new byte[PIECE + 4096];

    private CopyWriter(JdbcTemplate jdbc, String sql, Connection connection, CopyIn copy) {
        this.jdbc = jdbc;
        this.sql = sql;
        this.connection = connection;
        this.copy = copy;
    }

    /** Opens {@code sql} (a {@code COPY ... FROM STDIN}) on the transaction's connection. */
    public static CopyWriter open(JdbcTemplate jdbc, String sql) {
        Connection connection = DataSourceUtils.getConnection(jdbc.getDataSource());
        try {
            return new CopyWriter(
                    jdbc,
                    sql,
                    connection,
                    connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql));
        } catch (SQLException e) {
            DataSourceUtils.releaseConnection(connection, jdbc.getDataSource());
            throw translated(jdbc, sql, e);
        }
    }

    /** The rows not sent yet: append whole rows in COPY text (see {@link CopyText}), then {@link #rowAdded()}. */
    public StringBuilder rows() {
        return pending;
    }

    /** Sends a piece when enough rows are waiting. */
    public void rowAdded() {
        if (pending.length() >= PIECE) {
            send();
        }
    }

    /** Sends what is left and ends the COPY; returns the rows the server stored. */
    public long finish() {
        send();
        try {
            return copy.endCopy();
        } catch (SQLException e) {
            throw translated(jdbc, sql, e);
        }
    }

    private void send() {
        if (pending.isEmpty()) {
            return;
        }
        int length = pending.length();
        byte[] bytes = encoded.length >= length ? encoded : (encoded = new byte[length]);
        for (int i = 0; i < length; i++) {
            char c = pending.charAt(i);
            if (c >= 0x80) {
                bytes = pending.toString().getBytes(StandardCharsets.UTF_8);
                length = bytes.length;
                break;
            }
            bytes[i] = (byte) c;
        }
        pending.setLength(0);
        try {
            copy.writeToCopy(bytes, 0, length);
        } catch (SQLException e) {
            throw translated(jdbc, sql, e);
        }
    }

    // Releasing is a no-op for a transaction's connection, which the transaction closes; a connection
    // taken outside of one goes back to the pool here.
    @Override
    public void close() {
        try {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        } catch (SQLException e) {
            // Only after a failure, whose exception is already on its way; the transaction rolls back.
        } finally {
            DataSourceUtils.releaseConnection(connection, jdbc.getDataSource());
        }
    }

    static RuntimeException translated(JdbcTemplate jdbc, String sql, SQLException e) {
        RuntimeException translated = jdbc.getExceptionTranslator().translate("COPY", sql, e);
        return translated != null ? translated : new IllegalStateException("COPY failed: " + sql, e);
    }
}
