package io.storagecatalog.common.catalog;

import io.storagecatalog.common.jdbc.Sql;
import java.sql.PreparedStatement;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;

/** All SQL of {@code storage_processed_events}: which events a consumer has applied. */
public class ProcessedEventRepository {

    // In key order, so that two writers claiming overlapping batches (a partition moving during a
    // rebalance) wait on each other's keys in one order and never in a cycle.
    private static final String CLAIM = """
            INSERT INTO storage_processed_events (consumer, event_key)
            SELECT ?, k FROM unnest(?::text[]) AS k ORDER BY k
            ON CONFLICT DO NOTHING
            RETURNING event_key
            """;

    private static final String RELEASE = """
            DELETE FROM storage_processed_events WHERE consumer = ? AND event_key = ANY(?)
            """;

    // A bounded chunk, oldest rows first by the BRIN index on processed_at.
    private static final String PRUNE = """
            DELETE FROM storage_processed_events WHERE ctid = ANY(ARRAY(
                SELECT ctid FROM storage_processed_events WHERE processed_at < ? LIMIT ?))
            """;

    private final JdbcTemplate jdbc;

    public ProcessedEventRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records the keys as applied, in the caller's transaction, and returns those that were not recorded
     * yet: the others are duplicates. A key another transaction has claimed and not committed yet waits
     * for it; it is a duplicate once that transaction commits, and claimed here if it rolls back.
     */
    public Set<String> claim(String consumer, Collection<String> keys) {
        Set<String> claimed = new HashSet<>();
        if (keys.isEmpty()) {
            return claimed;
        }
        jdbc.query(
                connection -> {
                    PreparedStatement ps = connection.prepareStatement(CLAIM);
                    ps.setString(1, consumer);
                    ps.setArray(2, Sql.textArray(connection, keys));
                    return ps;
                },
                rs -> {
                    claimed.add(rs.getString(1));
                });
        return claimed;
    }

    /** Forgets up to {@code limit} identities recorded before {@code before}; returns how many. */
    public int prune(java.time.Instant before, int limit) {
        return jdbc.update(connection -> {
            PreparedStatement ps = connection.prepareStatement(PRUNE);
            Sql.setTime(ps, 1, before);
            ps.setInt(2, limit);
            return ps;
        });
    }

    /** Withdraws claims of the caller's transaction for events it did not apply after all. */
    public void release(String consumer, Collection<String> keys) {
        if (keys.isEmpty()) {
            return;
        }
        jdbc.update(connection -> {
            PreparedStatement ps = Sql.plannedEachTime(connection, RELEASE);
            ps.setString(1, consumer);
            ps.setArray(2, Sql.textArray(connection, keys));
            return ps;
        });
    }
}
