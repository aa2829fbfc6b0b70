package io.storagecatalog.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * Login users that are members of the catalog's group roles, on the test PostgreSQL. The group roles are
 * created here when missing (the migration that grants them their rights creates them too), so that a
 * test can log in as a member before the migrations ran.
 */
public final class RuntimeRoles {

    private RuntimeRoles() {}

    /** A login user and its password. */
    public record Login(String user, String password) {}

    public static Login loginFor(TestPostgres postgres, String groupRole) {
        if (!groupRole.matches("storage_catalog_[a-z]+")) {
            throw new IllegalArgumentException("not a catalog role: " + groupRole);
        }
        String user = groupRole + "_" + UUID.randomUUID().toString().substring(0, 8);
        String password = UUID.randomUUID().toString();
        try (Connection connection = DriverManager.getConnection(
                        postgres.jdbcUrl("postgres"), postgres.username(), postgres.password());
                Statement statement = connection.createStatement()) {
            statement.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + groupRole
                    + "') THEN CREATE ROLE " + groupRole + " NOLOGIN; END IF; END $$");
            statement.execute("CREATE ROLE " + user + " LOGIN PASSWORD '" + password + "' IN ROLE " + groupRole);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create a login for " + groupRole, e);
        }
        return new Login(user, password);
    }

    /** The URL without a {@code user} or {@code password} parameter, which would override the login's. */
    public static String withoutCredentials(String jdbcUrl) {
        int query = jdbcUrl.indexOf('?');
        if (query < 0) {
            return jdbcUrl;
        }
        String kept = java.util.Arrays.stream(jdbcUrl.substring(query + 1).split("&"))
                .filter(p -> !p.startsWith("user=") && !p.startsWith("password="))
                .collect(java.util.stream.Collectors.joining("&"));
        return jdbcUrl.substring(0, query) + (kept.isEmpty() ? "" : "?" + kept);
    }
}
