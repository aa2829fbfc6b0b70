package io.storagecatalog.bench;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Fills a table the way {@code pg_restore} does: rows first, then the indexes (and the unique
 * constraints no foreign key needs), each built once in bulk instead of maintained row by row. The
 * definitions are read from the catalog before they are dropped and replayed as they were, so the
 * table ends exactly as the migrations made it. Then VACUUM (ANALYZE), which autovacuum does to a
 * table of a running system after a large insert: statistics for the planner, and the visibility map
 * that index-only scans need (without it every index entry costs a heap visit).
 */
final class BulkLoad {

    // The DDL is written by PostgreSQL itself (pg_get_indexdef, pg_get_constraintdef, format with %I):
    // no text of ours, and nothing from outside, goes into it.
    private static final String SECONDARY_INDEXES = """
            SELECT format('DROP INDEX %I', i.relname) AS drop_ddl, pg_get_indexdef(i.oid) AS create_ddl
            FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
            WHERE x.indrelid = ?::regclass
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
            ORDER BY i.relname
            """;

    // A primary key or unique constraint a foreign key relies on must stay (storage_files.id).
    private static final String FREE_UNIQUE_CONSTRAINTS = """
            SELECT format('ALTER TABLE %I DROP CONSTRAINT %I', t.relname, c.conname) AS drop_ddl,
                   format('ALTER TABLE %I ADD CONSTRAINT %I ', t.relname, c.conname) || pg_get_constraintdef(c.oid)
                       AS create_ddl
            FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
            WHERE c.conrelid = ?::regclass AND c.contype IN ('p', 'u')
              AND NOT EXISTS (SELECT 1 FROM pg_constraint f WHERE f.contype = 'f' AND f.conindid = c.conindid)
            ORDER BY c.conname
            """;

    /** Seconds spent inserting and seconds spent building indexes (and VACUUM ANALYZE). */
    record Timing(double insertSeconds, double indexSeconds) {}

    private record Ddl(String drop, String create) {}

    private BulkLoad() {}

    /** Runs {@code insert} on the table without its indexes, then rebuilds them and analyses the table. */
    static Timing load(JdbcTemplate jdbc, String table, Runnable insert) {
        List<Ddl> constraints = ddl(jdbc, FREE_UNIQUE_CONSTRAINTS, table);
        List<Ddl> indexes = ddl(jdbc, SECONDARY_INDEXES, table);
        indexes.forEach(d -> jdbc.execute(d.drop()));
        constraints.forEach(d -> jdbc.execute(d.drop()));
        long start = System.nanoTime();
        insert.run();
        long inserted = System.nanoTime();
        // Memory for the sorts of the index builds: a session setting, not the server's configuration.
        jdbc.execute("SET maintenance_work_mem = '512MB'");
        constraints.forEach(d -> jdbc.execute(d.create()));
        indexes.forEach(d -> jdbc.execute(d.create()));
        jdbc.execute("RESET maintenance_work_mem");
        jdbc.execute("VACUUM (ANALYZE) " + jdbc.queryForObject("SELECT format('%I', ?)", String.class, table));
        long built = System.nanoTime();
        return new Timing((inserted - start) / 1e9, (built - inserted) / 1e9);
    }

    private static List<Ddl> ddl(JdbcTemplate jdbc, String sql, String table) {
        return jdbc.query(sql, (rs, n) -> new Ddl(rs.getString("drop_ddl"), rs.getString("create_ddl")), table);
    }
}
