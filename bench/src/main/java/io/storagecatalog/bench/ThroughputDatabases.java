package io.storagecatalog.bench;

import io.storagecatalog.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;

/**
 * The databases of the throughput phase (the workers', the ceilings', the baselines'): making the next
 * one drops those before it, and closing drops the last, so that every measurement starts on a quiet
 * server. A million events
 * leave gigabytes of dirty pages and tables that autovacuum wants to visit; left on the server, the
 * checkpoint that wrote them out and the vacuums ran during the next measurement (the latency phase's
 * among them) and were measured as its time.
 */
final class ThroughputDatabases implements AutoCloseable {

    private final TestPostgres server;
    private final List<String> created = new ArrayList<>();

    ThroughputDatabases(TestPostgres server) {
        this.server = server;
    }

    /** A new, empty database, the ones made before dropped; its name. */
    String create() {
        dropAndCheckpoint();
        String name = server.createDatabase();
        created.add(name);
        return name;
    }

    /** A new database migrated by Flyway, as the workers migrate theirs; its JDBC URL. */
    String migrated() {
        String url = server.jdbcUrl(create());
        Flyway.configure()
                .dataSource(url, server.username(), server.password())
                .load()
                .migrate();
        return url;
    }

    /**
     * Drops the databases made here (their dirty pages are discarded, not written), then has the server
     * write out what is left dirty ({@code CHECKPOINT}). A server of the user's own may refuse the
     * checkpoint to a role without the right to it: that is reported, not fatal.
     */
    private void dropAndCheckpoint() {
        if (created.isEmpty()) {
            return;
        }
        try (Connection connection =
                        DriverManager.getConnection(server.jdbcUrl("postgres"), server.username(), server.password());
                Statement statement = connection.createStatement()) {
            for (String name : created) {
                statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
            created.clear();
            try {
                statement.execute("CHECKPOINT");
            } catch (SQLException e) {
                System.out.println("  no checkpoint between the measurements: " + e.getMessage());
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop the throughput phase's databases: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        dropAndCheckpoint();
    }
}
