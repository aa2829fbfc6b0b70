package io.storagecatalog.bench;

import io.storagecatalog.testkit.TestPostgres;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Where a database's time went: the statements with the most execution time, from
 * {@code pg_stat_statements} (loaded at server start by the benchmark's own PostgreSQL). A worker
 * that waits on its database shows little in a JVM profile; this shows what it waited for.
 */
final class StatementProfile {

    static final String PRELOAD = "pg_stat_statements";

    private static final String TOP = """
            SELECT calls, total_exec_time, mean_exec_time, max_exec_time, rows,
                   regexp_replace(left(query, 160), '\\s+', ' ', 'g') AS query
            FROM pg_stat_statements
            WHERE dbid = (SELECT oid FROM pg_database WHERE datname = ?)
            ORDER BY total_exec_time DESC
            LIMIT ?
            """;

    /** One statement's share. */
    record Statement(long calls, double totalMillis, double meanMillis, double maxMillis, long rows, String query) {}

    private final JdbcTemplate jdbc;

    private StatementProfile(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * On a server started with {@link #PRELOAD} in {@code shared_preload_libraries}; on another, the
     * profile is empty.
     */
    static StatementProfile on(TestPostgres server) {
        JdbcTemplate jdbc = new JdbcTemplate(
                new SingleConnectionDataSource(server.jdbcUrl("postgres"), server.username(), server.password(), true));
        try {
            jdbc.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            jdbc.execute("SELECT 1 FROM pg_stat_statements LIMIT 1");
            return new StatementProfile(jdbc);
        } catch (org.springframework.dao.DataAccessException e) {
            System.out.println("no statement profile: pg_stat_statements is not loaded on this server");
            return new StatementProfile(null);
        }
    }

    List<Statement> top(String database, int limit) {
        if (jdbc == null) {
            return List.of();
        }
        return jdbc.query(
                TOP,
                (rs, n) -> new Statement(
                        rs.getLong("calls"),
                        rs.getDouble("total_exec_time"),
                        rs.getDouble("mean_exec_time"),
                        rs.getDouble("max_exec_time"),
                        rs.getLong("rows"),
                        rs.getString("query")),
                database,
                limit);
    }

    /** A Markdown table of the top statements. */
    static String table(String title, List<Statement> statements) {
        StringBuilder markdown = new StringBuilder(
                "\n| " + title + " | calls | total (ms) | mean (ms) | max (ms) | rows |\n|---|---|---|---|---|---|\n");
        for (Statement s : statements) {
            markdown.append(String.format(
                    "| `%s` | %,d | %,.0f | %.3f | %,.1f | %,d |%n",
                    s.query().replace("|", "\\|"),
                    s.calls(),
                    s.totalMillis(),
                    s.meanMillis(),
                    s.maxMillis(),
                    s.rows()));
        }
        return markdown.toString();
    }
}
