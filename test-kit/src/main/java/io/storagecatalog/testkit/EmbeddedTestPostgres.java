package io.storagecatalog.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;

/**
 * PostgreSQL 17 from zonky's embedded binaries: a real server process, started in about two seconds.
 * Durability is traded for speed (fsync off): a test database need not survive a power cut.
 */
final class EmbeddedTestPostgres implements TestPostgres {

    private final EmbeddedPostgres server;

    private EmbeddedTestPostgres(EmbeddedPostgres server) {
        this.server = server;
    }

    /** Settings of the test server: durability traded for speed. */
    static final Map<String, String> FAST =
            Map.of("fsync", "off", "synchronous_commit", "off", "full_page_writes", "off", "max_connections", "300");

    static EmbeddedTestPostgres start() {
        return start(FAST);
    }

    static EmbeddedTestPostgres start(Map<String, String> settings) {
        ServerStarts.check("PostgreSQL");
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(60));
            settings.forEach(builder::setServerConfig);
            return new EmbeddedTestPostgres(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("could not start embedded PostgreSQL", e);
        }
    }

    @Override
    public String jdbcUrl(String database) {
        return server.getJdbcUrl("postgres", database);
    }

    void stop() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
