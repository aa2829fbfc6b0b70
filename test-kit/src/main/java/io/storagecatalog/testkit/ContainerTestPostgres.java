package io.storagecatalog.testkit;

import java.util.ArrayList;
import java.util.List;
import org.testcontainers.postgresql.PostgreSQLContainer;

/** PostgreSQL in a container, with the embedded server's settings (durability traded for speed). */
final class ContainerTestPostgres implements TestPostgres {

    private static final int PORT = 5432;

    private final PostgreSQLContainer container;

    private ContainerTestPostgres(PostgreSQLContainer container) {
        this.container = container;
    }

    static ContainerTestPostgres start() {
        ServerStarts.check("PostgreSQL");
        PostgreSQLContainer container = new PostgreSQLContainer(
                        TestServerMode.image("postgres:17.6", "local/postgres:15"))
                .withUsername("postgres")
                .withPassword("postgres");
        List<String> command = new ArrayList<>(List.of("postgres"));
        EmbeddedTestPostgres.FAST.forEach((name, value) -> command.addAll(List.of("-c", name + "=" + value)));
        container.setCommand(command.toArray(String[]::new));
        TestServerMode.onLoopback(container, PORT);
        container.start();
        return new ContainerTestPostgres(container);
    }

    @Override
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + container.getHost() + ":" + container.getMappedPort(PORT) + "/" + database;
    }

    void stop() {
        container.stop();
    }
}
