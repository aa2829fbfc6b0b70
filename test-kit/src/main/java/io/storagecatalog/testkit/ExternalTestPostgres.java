package io.storagecatalog.testkit;

/**
 * A PostgreSQL server the environment provides ({@code STORAGE_CATALOG_TEST_JDBC_URL} names any
 * database on it, typically {@code jdbc:postgresql://host:5432/postgres}); the user must be allowed
 * to create databases.
 */
record ExternalTestPostgres(String baseUrl, String username, String password) implements TestPostgres {

    @Override
    public String jdbcUrl(String database) {
        int slash = baseUrl.indexOf('/', "jdbc:postgresql://".length());
        if (slash < 0) {
            throw new IllegalStateException("STORAGE_CATALOG_TEST_JDBC_URL must name a database: " + baseUrl);
        }
        int query = baseUrl.indexOf('?', slash);
        return baseUrl.substring(0, slash + 1) + database + (query < 0 ? "" : baseUrl.substring(query));
    }
}
