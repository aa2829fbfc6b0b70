package io.storagecatalog.bench;

import io.storagecatalog.testkit.TestPostgres;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * A fresh database migrated by Flyway (as the benchmark's are), with one connection kept open: bulk loads set session settings
 * on it, and timed queries do not pay a connection set-up each (a pooled application does not either).
 */
record ProbeDatabase(
        TestPostgres server,
        String name,
        String url,
        SingleConnectionDataSource dataSource,
        JdbcTemplate jdbc,
        NamedParameterJdbcTemplate named) {

    static ProbeDatabase create(TestPostgres server) {
        String name = server.createDatabase();
        String url = server.jdbcUrl(name);
        Flyway.configure()
                .dataSource(url, server.username(), server.password())
                .load()
                .migrate();
        SingleConnectionDataSource dataSource =
                new SingleConnectionDataSource(url, server.username(), server.password(), true);
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        return new ProbeDatabase(server, name, url, dataSource, jdbc, new NamedParameterJdbcTemplate(jdbc));
    }

    void close() {
        dataSource.destroy();
    }
}
