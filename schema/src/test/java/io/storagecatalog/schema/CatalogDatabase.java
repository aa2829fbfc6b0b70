package io.storagecatalog.schema;

import io.storagecatalog.testkit.TestInfrastructure;
import io.storagecatalog.testkit.TestPostgres;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** A fresh database on the test PostgreSQL, migrated, with small helpers to insert valid rows. */
final class CatalogDatabase {

    final DriverManagerDataSource dataSource;
    final JdbcTemplate jdbc;

    private CatalogDatabase(DriverManagerDataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
    }

    static CatalogDatabase empty() {
        TestPostgres postgres = TestInfrastructure.postgres();
        String database = postgres.createDatabase();
        return new CatalogDatabase(
                new DriverManagerDataSource(postgres.jdbcUrl(database), postgres.username(), postgres.password()));
    }

    static CatalogDatabase migrated() {
        CatalogDatabase database = empty();
        database.flyway().migrate();
        return database;
    }

    Flyway flyway() {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load();
    }

    UUID insertFile(String fileId) {
        UUID id = UUID.randomUUID();
        jdbc.update("""
                INSERT INTO storage_files (id, file_id, filename, original_name, mime_type, size, checksum, provider,
                    provider_path, created_by, created_at, updated_at)
                VALUES (?, ?, 'a.pdf', 'a.pdf', 'application/pdf', 10, 'abc', 'minio', ?, ?, now(), now())
                """, id, fileId, "bucket/" + fileId, UUID.randomUUID());
        return id;
    }

    void insertVersion(UUID fileRowId, int number, boolean current) {
        jdbc.update("""
                INSERT INTO storage_file_versions (file_id, version_number, filename, size, checksum, mime_type,
                    provider_path, created_by, created_at, is_current)
                VALUES (?, ?, 'a.pdf', 10, 'abc', 'application/pdf', 'bucket/a.pdf', ?, now(), ?)
                """, fileRowId, number, UUID.randomUUID(), current);
    }

    UUID insertShare(UUID fileRowId, UUID sharedWith, boolean active) {
        UUID id = UUID.randomUUID();
        jdbc.update("""
                INSERT INTO storage_file_shares (id, file_id, shared_by, shared_with, is_active, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, now(), now())
                """, id, fileRowId, UUID.randomUUID(), sharedWith, active);
        return id;
    }

    void insertOperation(long seq, String fileId, byte[] prevHash, String eventId) {
        jdbc.update("""
                INSERT INTO storage_operations (seq, file_id, operation, status, created_at, event_source, event_id,
                    event_type, prev_hash, row_hash)
                VALUES (?, ?, 'upload', 'success', now(), '/test', ?, 'storage.file.upload', ?, ?)
                """, seq, fileId, eventId, prevHash, new byte[32]);
    }
}
