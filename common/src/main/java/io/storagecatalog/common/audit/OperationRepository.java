package io.storagecatalog.common.audit;

import io.storagecatalog.common.event.EventId;
import io.storagecatalog.common.jdbc.CopyWriter;
import io.storagecatalog.common.jdbc.Sql;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;

/** All SQL of {@code storage_operations}, the audit trail. Rows are only ever appended here. */
public class OperationRepository {

    static final String COLUMNS = """
            id, chain, seq, file_id, operation, status, provider, bytes_transferred, duration_ms, client_ip, user_agent,
            user_id, session_id, correlation_id, error_code, error_message, error_details::text AS error_details,
            purpose, metadata::text AS metadata, created_at, event_source, event_id, event_type, recorded_at,
            prev_hash, row_hash
            """;

    private static final String EXISTING = """
            SELECT o.event_source, o.event_id FROM storage_operations o
            JOIN unnest(?::text[], ?::text[]) AS k(event_source, event_id)
              ON o.event_source = k.event_source AND o.event_id = k.event_id
            """;

    private static final String CHAIN_PAGE = "SELECT " + COLUMNS + """
            FROM storage_operations WHERE chain = ? AND seq > ? AND seq <= ? ORDER BY seq LIMIT ?
            """;

    private static final String LINKS_PAGE = """
            SELECT seq, prev_hash, row_hash FROM storage_operations
            WHERE chain = ? AND seq > ? AND seq <= ? ORDER BY seq LIMIT ?
            """;
    private static final String ROW = "SELECT " + COLUMNS + " FROM storage_operations WHERE chain = ? AND seq = ?";

    private static final String BY_FILE = "SELECT " + COLUMNS + """
            FROM storage_operations WHERE file_id = ? AND (created_at, seq, chain) < (?, ?, ?)
            ORDER BY created_at DESC, seq DESC, chain DESC LIMIT ?
            """;

    private static final String BY_USER = "SELECT " + COLUMNS + """
            FROM storage_operations WHERE user_id = ? AND (created_at, seq, chain) < (?, ?, ?)
            ORDER BY created_at DESC, seq DESC, chain DESC LIMIT ?
            """;

    private static final String BY_CORRELATION = "SELECT " + COLUMNS + """
            FROM storage_operations WHERE correlation_id = ? AND (created_at, seq, chain) > (?, ?, ?)
            ORDER BY created_at, seq, chain LIMIT ?
            """;

    private static final String BY_TIME = "SELECT " + COLUMNS + """
            FROM storage_operations WHERE created_at >= ? AND created_at < ? AND (created_at, seq, chain) > (?, ?, ?)
            ORDER BY created_at, seq, chain LIMIT ?
            """;

    private static final String ACTIVITY_SINCE = """
            SELECT operation, count(*) FROM storage_operations
            WHERE created_at >= ? AND (?::uuid IS NULL OR user_id = ?::uuid) GROUP BY operation
            """;
    private static final String ESTIMATED_COUNT = """
            SELECT greatest(reltuples, 0)::bigint FROM pg_class WHERE oid = 'storage_operations'::regclass
            """;
    private static final String OLDEST_SEQ = "SELECT min(seq) FROM storage_operations WHERE chain = ?";
    private static final String ANY_ROW = "SELECT EXISTS (SELECT FROM storage_operations)";
    // A chain's rows are appended in seq order with their recording time, so "recorded before the cutoff"
    // is a prefix of the chain (the rotation removes only prefixes).
    private static final String LAST_RECORDED_BEFORE = """
            SELECT max(seq) FROM storage_operations WHERE chain = ? AND recorded_at < ?
            """;
    private static final String ROTATE = "SELECT storage_audit_rotate(?::smallint, ?, ?, ?)";

    /** Largest page a query returns, whatever is asked. */
    public static final int MAX_PAGE_SIZE = 1000;

    private final JdbcTemplate jdbc;

    public OperationRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The identities among {@code ids} that already have their audit row. */
    public Set<String> existing(Collection<EventId> ids) {
        Set<String> keys = new HashSet<>();
        if (ids.isEmpty()) {
            return keys;
        }
        jdbc.query(
                connection -> {
                    PreparedStatement ps = Sql.plannedEachTime(connection, EXISTING);
                    ps.setArray(
                            1,
                            connection.createArrayOf(
                                    "text", ids.stream().map(EventId::source).toArray()));
                    ps.setArray(
                            2,
                            connection.createArrayOf(
                                    "text", ids.stream().map(EventId::id).toArray()));
                    return ps;
                },
                rs -> {
                    keys.add(rs.getString(1) + ' ' + rs.getString(2));
                });
        return keys;
    }

    /** Appends chained rows with one COPY, on the caller's transaction's connection. */
    public void append(List<AuditRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        try (Append append = openAppend()) {
            rows.forEach(append::add);
            append.finish();
        }
    }

    /**
     * Opens a COPY into the audit trail on the caller's transaction's connection, fed a row at a time and
     * sent in pieces as they fill, so that PostgreSQL stores the first rows of a batch while the next
     * ones are still being hashed. A unique violation (a row already appended) surfaces as Spring's
     * {@code DuplicateKeyException}, from {@link Append#add} or {@link Append#finish}.
     */
    public Append openAppend() {
        return new Append(CopyWriter.open(jdbc, AuditCopyFormat.COPY));
    }

    /** One COPY in progress; {@link #close()} without {@link #finish()} cancels it. */
    public static final class Append implements AutoCloseable {

        private final CopyWriter copy;

        private Append(CopyWriter copy) {
            this.copy = copy;
        }

        public void add(AuditRow row) {
            AuditCopyFormat.append(copy.rows(), row);
            copy.rowAdded();
        }

        /** Sends what is left and ends the COPY; returns the rows the server stored. */
        public long finish() {
            return copy.finish();
        }

        @Override
        public void close() {
            copy.close();
        }
    }

    /** The rows {@code afterSeq + 1 .. toSeq} of a chain in order, read in pages (bounded memory). */
    public void streamChain(int chain, long afterSeq, long toSeq, int pageSize, Consumer<AuditRow> consumer) {
        long cursor = afterSeq;
        while (cursor < toSeq) {
            List<AuditRow> page = jdbc.query(CHAIN_PAGE, (rs, n) -> map(rs), chain, cursor, toSeq, pageSize);
            if (page.isEmpty()) {
                return;
            }
            page.forEach(consumer);
            cursor = page.get(page.size() - 1).seq();
        }
    }

    /** How a row links into the chain: its position, the hash it links to and its own. */
    public record Link(long seq, byte[] prevHash, byte[] rowHash) {}

    /** The links of rows {@code afterSeq + 1 .. toSeq} of a chain in order, read in pages (bounded memory). */
    public void streamLinks(int chain, long afterSeq, long toSeq, int pageSize, Consumer<Link> consumer) {
        long cursor = afterSeq;
        while (cursor < toSeq) {
            List<Link> page = jdbc.query(
                    LINKS_PAGE,
                    (rs, n) -> new Link(rs.getLong(1), rs.getBytes(2), rs.getBytes(3)),
                    chain,
                    cursor,
                    toSeq,
                    pageSize);
            if (page.isEmpty()) {
                return;
            }
            page.forEach(consumer);
            cursor = page.get(page.size() - 1).seq();
        }
    }

    public java.util.Optional<AuditRow> row(int chain, long seq) {
        return jdbc.query(ROW, (rs, n) -> map(rs), chain, seq).stream().findFirst();
    }

    /** Operations since a time by operation name, of one user or of everyone. */
    public java.util.Map<String, Long> activitySince(Instant since, UUID user) {
        java.util.Map<String, Long> counts = new java.util.TreeMap<>();
        jdbc.query(
                connection -> {
                    PreparedStatement ps = connection.prepareStatement(ACTIVITY_SINCE);
                    Sql.setTime(ps, 1, since);
                    Sql.setUuid(ps, 2, user);
                    Sql.setUuid(ps, 3, user);
                    return ps;
                },
                (org.springframework.jdbc.core.RowCallbackHandler) rs -> counts.put(rs.getString(1), rs.getLong(2)));
        return counts;
    }

    /** The table's row count as the planner estimates it (exact counts of millions cost seconds). */
    public long estimatedCount() {
        Long estimate = jdbc.queryForObject(ESTIMATED_COUNT, Long.class);
        return estimate == null ? 0 : estimate;
    }

    /** The oldest position of a chain still in the table, or null when the chain has no row. */
    public Long oldestSeq(int chain) {
        return jdbc.queryForObject(OLDEST_SEQ, Long.class, chain);
    }

    /** Whether the trail holds any row. */
    public boolean anyRow() {
        return Boolean.TRUE.equals(jdbc.queryForObject(ANY_ROW, Boolean.class));
    }

    /** The last position of a chain recorded before {@code cutoff}, or null. */
    public Long lastRecordedBefore(int chain, Instant cutoff) {
        return jdbc.query(
                connection -> {
                    PreparedStatement ps = connection.prepareStatement(LAST_RECORDED_BEFORE);
                    ps.setInt(1, chain);
                    Sql.setTime(ps, 2, cutoff);
                    return ps;
                },
                rs -> rs.next() ? rs.getObject(1, Long.class) : null);
    }

    /** Removes the oldest rows through the one path the table allows; returns how many. */
    public long rotate(int chain, long firstSeq, long lastSeq, String archiveKey) {
        return jdbc.queryForObject(ROTATE, Long.class, chain, firstSeq, lastSeq, archiveKey);
    }

    /** A position in a listing, to continue after. */
    public record Cursor(Instant createdAt, long seq, int chain) {
        public static final Cursor NEWEST =
                new Cursor(Instant.parse("9999-12-31T00:00:00Z"), Long.MAX_VALUE, Integer.MAX_VALUE);
        public static final Cursor OLDEST = new Cursor(Instant.parse("0001-01-01T00:00:00Z"), 0, -1);
    }

    /** A page of operations and where the next one starts (null when there is none). */
    public record Page(List<AuditRow> rows, Cursor next) {}

    /** Operations of a file, newest first. */
    public Page byFile(String fileId, Cursor after, int limit) {
        return page(BY_FILE, fileId, after, limit);
    }

    /** Operations of a user, newest first. */
    public Page byUser(UUID userId, Cursor after, int limit) {
        return page(BY_USER, userId, after, limit);
    }

    /** Operations of one request across services, oldest first. */
    public Page byCorrelationId(String correlationId, Cursor after, int limit) {
        return page(BY_CORRELATION, correlationId, after, limit);
    }

    /** Operations in {@code [from, to)}, oldest first. */
    public Page byTimeRange(Instant from, Instant to, Cursor after, int limit) {
        int size = Math.min(Math.max(limit, 1), MAX_PAGE_SIZE);
        List<AuditRow> rows = jdbc.query(
                connection -> {
                    PreparedStatement ps = connection.prepareStatement(BY_TIME);
                    Sql.setTime(ps, 1, from);
                    Sql.setTime(ps, 2, to);
                    Sql.setTime(ps, 3, after.createdAt());
                    ps.setLong(4, after.seq());
                    ps.setInt(5, after.chain());
                    ps.setInt(6, size + 1);
                    return ps;
                },
                (rs, n) -> map(rs));
        return toPage(rows, size);
    }

    private Page page(String sql, Object key, Cursor after, int limit) {
        int size = Math.min(Math.max(limit, 1), MAX_PAGE_SIZE);
        List<AuditRow> rows = jdbc.query(
                connection -> {
                    PreparedStatement ps = connection.prepareStatement(sql);
                    ps.setObject(1, key);
                    Sql.setTime(ps, 2, after.createdAt());
                    ps.setLong(3, after.seq());
                    ps.setInt(4, after.chain());
                    ps.setInt(5, size + 1);
                    return ps;
                },
                (rs, n) -> map(rs));
        return toPage(rows, size);
    }

    private static Page toPage(List<AuditRow> rows, int size) {
        if (rows.size() <= size) {
            return new Page(rows, null);
        }
        List<AuditRow> page = rows.subList(0, size);
        AuditRow last = page.get(size - 1);
        return new Page(List.copyOf(page), new Cursor(last.createdAt(), last.seq(), last.chain()));
    }

    static AuditRow map(ResultSet rs) throws SQLException {
        return new AuditRow(
                Sql.uuid(rs, "id"),
                rs.getInt("chain"),
                rs.getLong("seq"),
                rs.getString("file_id"),
                rs.getString("operation"),
                rs.getString("status"),
                rs.getString("provider"),
                rs.getObject("bytes_transferred", Long.class),
                rs.getObject("duration_ms", Integer.class),
                rs.getString("client_ip"),
                rs.getString("user_agent"),
                Sql.uuid(rs, "user_id"),
                rs.getString("session_id"),
                rs.getString("correlation_id"),
                rs.getString("error_code"),
                rs.getString("error_message"),
                rs.getString("error_details"),
                rs.getString("purpose"),
                rs.getString("metadata"),
                Sql.time(rs, "created_at"),
                rs.getString("event_source"),
                rs.getString("event_id"),
                rs.getString("event_type"),
                Sql.time(rs, "recorded_at"),
                rs.getBytes("prev_hash"),
                rs.getBytes("row_hash"));
    }
}
