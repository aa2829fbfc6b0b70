package io.storagecatalog.common.outbox;

import io.storagecatalog.common.jdbc.Sql;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/** All SQL of {@code storage_outbox}: the catalog's events between their commit and the broker's acknowledgement. */
public class OutboxRepository {

    private static final String INSERT = """
            INSERT INTO storage_outbox (event_id, event_type, topic, record_key, payload) VALUES (?, ?, ?, ?, ?)
            """;

    // Oldest first, a bounded batch; rows another relay holds are skipped, not waited for.
    private static final String CLAIM = """
            SELECT id, event_id, event_type, topic, record_key, payload FROM storage_outbox
            ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED
            """;

    private static final String DELETE = "DELETE FROM storage_outbox WHERE id = ANY(?)";

    private static final String OLDEST = """
            SELECT extract(epoch FROM now() - created_at) FROM storage_outbox ORDER BY id LIMIT 1
            """;

    private final JdbcTemplate jdbc;

    public OutboxRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One event waiting for the broker. */
    public record OutboxEvent(long id, UUID eventId, String type, String topic, String key, byte[] payload) {}

    /** Adds the event in the caller's transaction (or on its own when there is none). */
    public void add(UUID eventId, String type, String topic, String key, byte[] payload) {
        jdbc.update(INSERT, ps -> {
            Sql.setUuid(ps, 1, eventId);
            ps.setString(2, type);
            ps.setString(3, topic);
            ps.setString(4, key);
            ps.setBytes(5, payload);
        });
    }

    /** Locks up to {@code limit} of the oldest events for the current transaction. */
    public List<OutboxEvent> claim(int limit) {
        List<OutboxEvent> events = new ArrayList<>();
        jdbc.query(
                CLAIM,
                rs -> {
                    events.add(new OutboxEvent(
                            rs.getLong(1),
                            rs.getObject(2, UUID.class),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getBytes(6)));
                },
                limit);
        return events;
    }

    public void delete(List<OutboxEvent> published) {
        if (published.isEmpty()) {
            return;
        }
        jdbc.update(connection -> {
            PreparedStatement ps = connection.prepareStatement(DELETE);
            ps.setArray(
                    1,
                    connection.createArrayOf(
                            "bigint", published.stream().map(OutboxEvent::id).toArray()));
            return ps;
        });
    }

    /** @return how long the oldest waiting event has waited, in seconds; 0 when none waits */
    public double oldestAgeSeconds() {
        List<Double> ages = jdbc.queryForList(OLDEST, Double.class);
        return ages.isEmpty() || ages.get(0) == null ? 0 : Math.max(0, ages.get(0));
    }
}
