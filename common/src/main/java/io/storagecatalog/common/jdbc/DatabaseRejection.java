package io.storagecatalog.common.jdbc;

import io.storagecatalog.common.event.InvalidEventException;
import io.storagecatalog.common.event.RejectionReason;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Tells an error of the data from an error of the infrastructure, by the SQLSTATE PostgreSQL reports.
 * Data exceptions (class 22), integrity constraint violations (23) and program limits (54, such as an
 * index row too large) come from what a statement wrote: the same statement fails again however often
 * it is retried, so the event that brought it is set aside. Everything else (connections, resources,
 * serialization failures, deadlocks, lock and statement timeouts, an administrator's shutdown, and
 * also our own SQL or schema being wrong, class 42) is retried: no single event caused it, and setting
 * events aside for it would lose them.
 */
public final class DatabaseRejection {

    private static final Map<String, String> CONTENT_CLASSES = Map.of(
            "22", "data exception",
            "23", "integrity constraint violation",
            "54", "program limit exceeded");

    private DatabaseRejection() {}

    /**
     * The rejection an exception reports, as the reason to give with the event: the SQLSTATE and the
     * schema's names (table, column, constraint), never the values, which may be protected health
     * information. Empty when the exception is not a rejection of content.
     */
    public static Optional<InvalidEventException> of(Throwable exception) {
        SQLException sql = sqlException(exception);
        if (sql == null || sql.getSQLState() == null || sql.getSQLState().length() != 5) {
            return Optional.empty();
        }
        String state = sql.getSQLState();
        String kind = CONTENT_CLASSES.get(state.substring(0, 2));
        if (kind == null) {
            return Optional.empty();
        }
        StringBuilder reason = new StringBuilder("rejected by the database: SQLSTATE ")
                .append(state)
                .append(" (")
                .append(kind)
                .append(')');
        if (sql instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
            ServerErrorMessage server = psql.getServerErrorMessage();
            append(reason, "table", server.getTable());
            append(reason, "column", server.getColumn());
            append(reason, "constraint", server.getConstraint());
        }
        return Optional.of(new InvalidEventException("event", reason.toString(), RejectionReason.DATABASE_REJECTED));
    }

    private static void append(StringBuilder reason, String what, String name) {
        if (name != null && !name.isBlank()) {
            reason.append(", ").append(what).append(' ').append(name);
        }
    }

    // The innermost SQLException: a batch's exception wraps the statement's.
    private static SQLException sqlException(Throwable exception) {
        SQLException found = null;
        Throwable current = exception;
        while (current != null) {
            if (current instanceof SQLException sql) {
                found = sql;
                if (sql.getNextException() != null && sql.getNextException().getSQLState() != null) {
                    found = sql.getNextException();
                }
            }
            current = current.getCause() == current ? null : current.getCause();
        }
        return found;
    }
}
