package io.storagecatalog.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.storagecatalog.testkit.RuntimeRoles;
import io.storagecatalog.testkit.TestInfrastructure;
import io.storagecatalog.testkit.TestPostgres;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Each process's role, logged in as a member of it: every statement that would change the trail or the
 * schema fails, whatever the session sets; and each role holds the rights its process uses, no more.
 */
class RuntimeRolesTest {

    private static final List<String> ROLES = List.of(
            "storage_catalog_ingest", "storage_catalog_audit", "storage_catalog_maintenance", "storage_catalog_api");

    private static CatalogDatabase database;

    @BeforeAll
    static void migrate() {
        database = CatalogDatabase.migrated();
        database.jdbc.update("""
                INSERT INTO storage_operations (id, seq, file_id, operation, status, created_at, event_source,
                    event_id, event_type, recorded_at, prev_hash, row_hash)
                VALUES (?, 1, 'files/a', 'upload', 'success', now(), 'test', 'e1', 'storage.file.upload', now(),
                    decode(repeat('00', 32), 'hex'), decode(repeat('11', 32), 'hex'))
                """, UUID.randomUUID());
    }

    private static JdbcTemplate as(String role) {
        TestPostgres postgres = TestInfrastructure.postgres();
        RuntimeRoles.Login login = RuntimeRoles.loginFor(postgres, role);
        String url = RuntimeRoles.withoutCredentials(database.dataSource.getUrl());
        return new JdbcTemplate(new SingleConnectionDataSource(url, login.user(), login.password(), true));
    }

    @Test
    void noRuntimeRoleChangesTheTrailOrTheSchema() {
        for (String role : ROLES) {
            JdbcTemplate jdbc = as(role);
            List<String> forbidden = List.of(
                    "UPDATE storage_operations SET file_id = 'files/forged'",
                    "DELETE FROM storage_operations",
                    "TRUNCATE storage_operations",
                    "ALTER TABLE storage_operations DISABLE TRIGGER storage_operations_no_update_or_delete",
                    "ALTER TABLE storage_operations DISABLE TRIGGER ALL",
                    "DROP TRIGGER storage_operations_no_update_or_delete ON storage_operations",
                    "UPDATE storage_audit_signed_checkpoints SET body = body",
                    "DELETE FROM storage_audit_signed_checkpoints",
                    "UPDATE storage_audit_merkle_blocks SET root = root",
                    "UPDATE storage_audit_retention_floor SET min_age = interval '0'",
                    "DELETE FROM storage_audit_rotations",
                    "CREATE TABLE storage_shadow (id int)",
                    "DROP TABLE storage_files",
                    "ALTER TABLE storage_files ADD COLUMN x int",
                    "CREATE OR REPLACE FUNCTION storage_operations_append_only() RETURNS trigger LANGUAGE plpgsql "
                            + "AS $$ BEGIN RETURN OLD; END $$",
                    "SET session_replication_role = replica");
            List<String> allowed = new java.util.ArrayList<>();
            for (String statement : forbidden) {
                try {
                    jdbc.execute(statement);
                    allowed.add(statement);
                } catch (DataAccessException expected) {
                    // refused, as it must be
                }
            }
            assertThat(allowed).as("statements %s may run", role).isEmpty();
            // The rotation's flag set by the session itself lets nothing through.
            assertThatThrownBy(() -> jdbc.execute("""
                    DO $$ BEGIN
                        PERFORM set_config('storage_catalog.audit_rotation', 'on', true);
                        DELETE FROM storage_operations;
                    END $$"""))
                    .as("%s: delete under the rotation flag", role)
                    .isInstanceOf(DataAccessException.class);
        }
        assertThat(database.jdbc.queryForObject("SELECT count(*) FROM storage_operations", Long.class))
                .isOne();
        assertThat(database.jdbc.queryForObject("SELECT file_id FROM storage_operations", String.class))
                .isEqualTo("files/a");
    }

    @Test
    void onlyTheMaintenanceRoleRotatesAndOnlyThroughTheFunction() {
        for (String role : List.of("storage_catalog_audit", "storage_catalog_ingest", "storage_catalog_api")) {
            assertThat(has(role, "EXECUTE", "storage_audit_rotate(smallint, bigint, bigint, text)"))
                    .as(role)
                    .isFalse();
            assertThatThrownBy(() -> as(role).queryForObject(
                                    "SELECT storage_audit_rotate(0::smallint, 1, 1, 'archive/x')", Long.class))
                    .as(role)
                    .isInstanceOf(DataAccessException.class);
        }
        assertThat(has(
                        "storage_catalog_maintenance",
                        "EXECUTE",
                        "storage_audit_rotate(smallint, bigint, bigint, text)"))
                .isTrue();
    }

    @Test
    void eachRoleHoldsWhatItsProcessUses() {
        assertThat(tablePrivileges("storage_catalog_audit", "storage_operations"))
                .containsExactly("INSERT", "SELECT");
        assertThat(tablePrivileges("storage_catalog_ingest", "storage_operations"))
                .containsExactly("INSERT", "SELECT");
        assertThat(tablePrivileges("storage_catalog_maintenance", "storage_operations"))
                .containsExactly("INSERT", "SELECT");
        assertThat(tablePrivileges("storage_catalog_audit", "storage_files")).isEmpty();
        assertThat(tablePrivileges("storage_catalog_audit", "storage_file_shares"))
                .isEmpty();
        assertThat(tablePrivileges("storage_catalog_ingest", "storage_files"))
                .containsExactly("DELETE", "INSERT", "SELECT", "UPDATE");
        assertThat(tablePrivileges("storage_catalog_ingest", "batch_job_execution"))
                .isEmpty();
        assertThat(tablePrivileges("storage_catalog_maintenance", "batch_job_execution"))
                .containsExactly("DELETE", "INSERT", "SELECT", "UPDATE");
        // The API reads files and changes only their status (corrupted marks), never their content.
        assertThat(tablePrivileges("storage_catalog_api", "storage_files")).containsExactly("SELECT");
        assertThatThrownBy(() -> as("storage_catalog_api").update("UPDATE storage_files SET size = 0"))
                .isInstanceOf(DataAccessException.class);
        assertThatThrownBy(() -> as("storage_catalog_api").update("DELETE FROM storage_file_shares"))
                .isInstanceOf(DataAccessException.class);
        assertThat(tablePrivileges("storage_catalog_api", "storage_file_shares"))
                .containsExactly("INSERT", "SELECT", "UPDATE");
        assertThat(tablePrivileges("storage_catalog_api", "storage_quotas")).containsExactly("SELECT");
        assertThat(tablePrivileges("storage_catalog_api", "storage_operations")).containsExactly("INSERT", "SELECT");
        assertThat(tablePrivileges("storage_catalog_api", "batch_job_execution"))
                .isEmpty();
    }

    private static boolean has(String role, String privilege, String function) {
        return database.jdbc.queryForObject(
                "SELECT has_function_privilege(?, ?, ?)", Boolean.class, role, function, privilege);
    }

    private static List<String> tablePrivileges(String role, String table) {
        return database.jdbc.queryForList("""
                SELECT p FROM unnest(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'TRIGGER',
                    'REFERENCES']) AS p
                WHERE has_table_privilege(?, ?, p) ORDER BY p""", String.class, role, table);
    }
}
