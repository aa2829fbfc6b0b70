package io.storagecatalog.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;

class MigrationTest {

    @Test
    void migratesAnEmptyDatabaseAndASecondRunIsANoOp() {
        CatalogDatabase database = CatalogDatabase.empty();

        MigrateResult first = database.flyway().migrate();
        MigrateResult second = database.flyway().migrate();

        assertThat(first.migrationsExecuted).isGreaterThanOrEqualTo(1);
        assertThat(first.success).isTrue();
        assertThat(second.migrationsExecuted).isZero();
        assertThat(database.flyway().validateWithResult().validationSuccessful).isTrue();
    }

    @Test
    void createsEveryTableOfTheSeedWithEveryColumn() {
        CatalogDatabase database = CatalogDatabase.migrated();

        assertThat(columns(database, "storage_files"))
                .containsAll(List.of(
                        "id",
                        "file_id",
                        "filename",
                        "original_name",
                        "mime_type",
                        "size",
                        "checksum",
                        "checksum_algorithm",
                        "encoding",
                        "provider",
                        "provider_path",
                        "provider_metadata",
                        "data_classification",
                        "encrypted",
                        "encryption_key_id",
                        "tags",
                        "custom_metadata",
                        "created_by",
                        "updated_by",
                        "created_at",
                        "updated_at",
                        "last_accessed_at",
                        "access_count",
                        "status",
                        "deleted_at"));
        assertThat(columns(database, "storage_operations"))
                .containsAll(List.of(
                        "id",
                        "file_id",
                        "operation",
                        "status",
                        "provider",
                        "bytes_transferred",
                        "duration_ms",
                        "client_ip",
                        "user_agent",
                        "user_id",
                        "session_id",
                        "correlation_id",
                        "error_code",
                        "error_message",
                        "error_details",
                        "purpose",
                        "metadata",
                        "created_at"));
        assertThat(columns(database, "storage_file_shares"))
                .containsAll(List.of(
                        "id",
                        "file_id",
                        "shared_by",
                        "shared_with",
                        "can_read",
                        "can_write",
                        "can_delete",
                        "can_share",
                        "expires_at",
                        "requires_password",
                        "password_hash",
                        "max_downloads",
                        "download_count",
                        "is_active",
                        "created_at",
                        "updated_at",
                        "last_accessed_at"));
        assertThat(columns(database, "storage_file_versions"))
                .containsAll(List.of(
                        "id",
                        "file_id",
                        "version_number",
                        "version_file_id",
                        "filename",
                        "size",
                        "checksum",
                        "mime_type",
                        "provider_path",
                        "created_by",
                        "created_at",
                        "change_description",
                        "is_current"));
        assertThat(columns(database, "storage_quotas"))
                .containsAll(List.of(
                        "id",
                        "user_id",
                        "entity_type",
                        "entity_id",
                        "max_storage_bytes",
                        "max_files",
                        "max_file_size_bytes",
                        "used_storage_bytes",
                        "used_files",
                        "is_active",
                        "created_at",
                        "updated_at",
                        "last_calculated_at"));
    }

    @Test
    void storesJsonAsJsonbAndTimesWithTimeZone() {
        CatalogDatabase database = CatalogDatabase.migrated();

        List<Map<String, Object>> types = database.jdbc.queryForList("""
                SELECT table_name, column_name, data_type FROM information_schema.columns
                WHERE table_schema = 'public' AND table_name LIKE 'storage_%'
                  AND (column_name IN ('tags', 'custom_metadata', 'provider_metadata', 'error_details', 'metadata')
                       OR column_name LIKE '%\\_at')
                """);

        assertThat(types).isNotEmpty().allSatisfy(row -> {
            String column = (String) row.get("column_name");
            String expected = column.endsWith("_at") ? "timestamp with time zone" : "jsonb";
            assertThat(row.get("data_type"))
                    .as(row.get("table_name") + "." + column)
                    .isEqualTo(expected);
        });
    }

    @Test
    void createsTheShedLockAndSpringBatchTables() {
        CatalogDatabase database = CatalogDatabase.migrated();

        List<String> tables = database.jdbc.queryForList(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'", String.class);

        assertThat(tables)
                .contains(
                        "shedlock",
                        "storage_processed_events",
                        "batch_job_instance",
                        "batch_job_execution",
                        "batch_step_execution",
                        "batch_job_execution_context");
    }

    @Test
    void keepsThePendingListsOfTheSearchIndexesShort() {
        CatalogDatabase database = CatalogDatabase.migrated();

        List<Map<String, Object>> options = database.jdbc.queryForList("""
                SELECT c.relname, array_to_string(c.reloptions, ',') AS options
                FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam
                WHERE a.amname = 'gin' AND i.indrelid = 'storage_files'::regclass
                """);

        // A long list is merged by the insert that outgrows it: a stall of the ingest worker's batch.
        assertThat(options)
                .extracting(row -> row.get("relname"))
                .containsExactlyInAnyOrder("storage_files_owner_names_trgm_idx", "storage_files_owner_tags_idx");
        assertThat(options)
                .allSatisfy(row -> assertThat(row.get("options"))
                        .as((String) row.get("relname"))
                        .isEqualTo("gin_pending_list_limit=256"));
    }

    private static List<String> columns(CatalogDatabase database, String table) {
        return database.jdbc.queryForList(
                "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = ?",
                String.class,
                table);
    }
}
