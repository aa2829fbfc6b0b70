package io.storagecatalog.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A real PostgreSQL server for tests. Each test context takes a database of its own
 * ({@link #createDatabase()}), so tests are isolated without truncation or ordering.
 */
public interface TestPostgres {

    /** JDBC URL of a database on the server. */
    String jdbcUrl(String database);

    /** The superuser the kit's own servers are set up with; an external server's is configured. */
    default String username() {
        return "postgres";
    }

    default String password() {
        return "postgres";
    }

    /** Creates an empty database with a unique name and returns its name. */
    default String createDatabase() {
        String name = "catalog_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), username(), password());
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test database " + name + ": " + e.getMessage(), e);
        }
        return name;
    }
}
