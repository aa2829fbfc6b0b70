package io.storagecatalog.common.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.storagecatalog.testkit.TestInfrastructure;
import io.storagecatalog.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A statement planned each time never becomes a server-side prepared statement, whose cached plan would
 * outlive the table size it was made for; an ordinary one does after the driver's threshold (5 uses).
 */
class PlannedEachTimeTest {

    private static final String PLANNED_EACH_TIME = "SELECT count(*) FROM pg_class WHERE relname = ANY(?)";
    private static final String ORDINARY = "SELECT count(*) FROM pg_namespace WHERE nspname = ANY(?)";

    @Test
    void isNeverPreparedOnTheServerWhileAnOrdinaryStatementIs() throws Exception {
        TestPostgres postgres = TestInfrastructure.postgres();
        String database = postgres.createDatabase();
        try (Connection connection =
                DriverManager.getConnection(postgres.jdbcUrl(database), postgres.username(), postgres.password())) {
            for (int i = 0; i < 10; i++) {
                try (PreparedStatement ps = Sql.plannedEachTime(connection, PLANNED_EACH_TIME)) {
                    ps.setArray(1, Sql.textArray(connection, List.of("pg_class")));
                    assertThat(count(ps)).isEqualTo(1);
                }
                try (PreparedStatement ps = connection.prepareStatement(ORDINARY)) {
                    ps.setArray(1, Sql.textArray(connection, List.of("public")));
                    assertThat(count(ps)).isEqualTo(1);
                }
            }
            List<String> prepared = new ArrayList<>();
            try (PreparedStatement ps = connection.prepareStatement("SELECT statement FROM pg_prepared_statements");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    prepared.add(rs.getString(1));
                }
            }
            assertThat(prepared)
                    .anyMatch(statement -> statement.contains("FROM pg_namespace"))
                    .noneMatch(statement -> statement.contains("FROM pg_class"));
        }
    }

    private static long count(PreparedStatement ps) throws Exception {
        try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
