package io.storagecatalog.common.catalog;

import java.sql.PreparedStatement;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;

import io.storagecatalog.common.jdbc.Sql;

/** All SQL of {@code storage_processed_events}: which events a consumer has applied. */
public class ProcessedEventRepository {

    private static final String FIND = """
            SELECT event_key FROM storage_processed_events WHERE consumer = ? AND event_key = ANY(?)
            """;

    private static final String MARK = """
            INSERT INTO storage_processed_events (consumer, event_key)
            SELECT ?, k FROM unnest(?::text[]) AS k
            ON CONFLICT DO NOTHING
            """;

    private final JdbcTemplate jdbc;

    public ProcessedEventRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The keys among {@code keys} that the consumer has applied already. */
    public Set<String> findProcessed(String consumer, Collection<String> keys) {
        Set<String> processed = new HashSet<>();
        if (keys.isEmpty()) {
            return processed;
        }
        jdbc.query(connection -> {
            PreparedStatement ps = connection.prepareStatement(FIND);
            ps.setString(1, consumer);
            ps.setArray(2, Sql.textArray(connection, keys));
            return ps;
        }, rs -> {
            processed.add(rs.getString(1));
        });
        return processed;
    }

    /**
     * Records the keys as applied (in the caller's transaction).
     *
     * @return how many were new; fewer than {@code keys.size()} means another writer applied some
     *         of them meanwhile
     */
    public int markProcessed(String consumer, Collection<String> keys) {
        if (keys.isEmpty()) {
            return 0;
        }
        return jdbc.update(connection -> {
            PreparedStatement ps = connection.prepareStatement(MARK);
            ps.setString(1, consumer);
            ps.setArray(2, Sql.textArray(connection, keys));
            return ps;
        });
    }
}
