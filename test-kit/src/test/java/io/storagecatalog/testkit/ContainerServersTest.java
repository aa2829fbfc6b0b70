package io.storagecatalog.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * With {@code -Dstorage-catalog.test.infra=containers}, the fixtures are containers, published on the
 * loopback address only and set up as the embedded servers are ({@link TestInfrastructureTest} then
 * drives each of them).
 */
@EnabledIfSystemProperty(named = TestServerMode.INFRA, matches = "containers")
class ContainerServersTest {

    @Test
    void postgresIsAContainerWithTheEmbeddedServersSettings() throws Exception {
        TestPostgres postgres = TestInfrastructure.postgres();
        assertThat(postgres).isInstanceOf(ContainerTestPostgres.class);
        assertThat(postgres.jdbcUrl("x")).startsWith("jdbc:postgresql://127.0.0.1:");
        String database = postgres.createDatabase();
        try (Connection connection = DriverManager.getConnection(
                        postgres.jdbcUrl(database), postgres.username(), postgres.password());
                Statement statement = connection.createStatement();
                ResultSet fsync = statement.executeQuery("SHOW fsync")) {
            fsync.next();
            assertThat(fsync.getString(1)).isEqualTo("off");
        }
    }

    @Test
    void kafkaAndTheS3ServerAreContainersOnTheLoopbackAddress() {
        assertThat(TestInfrastructure.kafka()).isInstanceOf(ContainerTestKafka.class);
        assertThat(TestInfrastructure.kafka().bootstrapServers()).startsWith("127.0.0.1:");
        assertThat(TestInfrastructure.s3()).isInstanceOf(ContainerTestS3.class);
        assertThat(TestInfrastructure.s3().endpoint()).startsWith("http://127.0.0.1:");
    }
}
