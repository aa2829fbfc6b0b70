package io.storagecatalog.jobs.orphans;

import io.storagecatalog.common.jdbc.Sql;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** All SQL of {@code storage_orphan_objects}: objects in the store that no catalog row knows. */
@Component
class OrphanObjectRepository {

    private static final String SEEN = """
            INSERT INTO storage_orphan_objects (bucket, object_key, size, first_seen_at, last_seen_at)
            VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (bucket, object_key) DO UPDATE SET size = EXCLUDED.size, last_seen_at = EXCLUDED.last_seen_at,
                removed_at = NULL
            """;
    private static final String FIRST_SEEN = """
            SELECT first_seen_at FROM storage_orphan_objects WHERE bucket = ? AND object_key = ? AND removed_at IS NULL
            """;
    private static final String REMOVED = """
            UPDATE storage_orphan_objects SET removed_at = ? WHERE bucket = ? AND object_key = ?
            """;

    private final JdbcTemplate jdbc;

    public OrphanObjectRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** An object found in the store without a catalog row. */
    public record OrphanObject(String bucket, String key, long size) {}

    /** Records the orphans as seen now (first-seen time kept from earlier runs). */
    public void seen(List<OrphanObject> orphans, Instant now) {
        jdbc.batchUpdate(SEEN, orphans, 500, (ps, orphan) -> {
            ps.setString(1, orphan.bucket());
            ps.setString(2, orphan.key());
            ps.setLong(3, orphan.size());
            Sql.setTime(ps, 4, now);
            Sql.setTime(ps, 5, now);
        });
    }

    /** When the orphan was first seen, or null when it is not a known, unremoved orphan. */
    public Instant firstSeen(String bucket, String key) {
        return jdbc.query(FIRST_SEEN, (rs, n) -> Sql.time(rs, "first_seen_at"), bucket, key).stream()
                .findFirst()
                .orElse(null);
    }

    public void removed(OrphanObject orphan, Instant at) {
        jdbc.update(connection -> {
            var ps = connection.prepareStatement(REMOVED);
            Sql.setTime(ps, 1, at);
            ps.setString(2, orphan.bucket());
            ps.setString(3, orphan.key());
            return ps;
        });
    }
}
