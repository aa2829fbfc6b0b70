package io.storagecatalog.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;

/** One test per rule the database itself enforces. */
class ConstraintTest {

    private static CatalogDatabase db;

    @BeforeAll
    static void migrate() {
        db = CatalogDatabase.migrated();
    }

    private static String fileId() {
        return "files/" + UUID.randomUUID();
    }

    @Test
    void rejectsNegativeFileSize() {
        UUID id = db.insertFile(fileId());
        assertViolates(
                "storage_files_size_check",
                () -> db.jdbc.update("UPDATE storage_files SET size = -5 WHERE id = ?", id));
    }

    @Test
    void rejectsDuplicateFileId() {
        String fileId = fileId();
        db.insertFile(fileId);
        assertViolates("storage_files_file_id_key", () -> db.insertFile(fileId));
    }

    @Test
    void rejectsUnknownFileStatus() {
        UUID id = db.insertFile(fileId());
        assertViolates(
                "storage_files_status_check",
                () -> db.jdbc.update("UPDATE storage_files SET status = 'lost' WHERE id = ?", id));
    }

    @Test
    void rejectsUnknownClassification() {
        UUID id = db.insertFile(fileId());
        assertViolates(
                "storage_files_classification_check",
                () -> db.jdbc.update("UPDATE storage_files SET data_classification = 'secret' WHERE id = ?", id));
    }

    @Test
    void rejectsTagsThatAreNotAnArray() {
        UUID id = db.insertFile(fileId());
        assertViolates(
                "storage_files_tags_is_array",
                () -> db.jdbc.update("UPDATE storage_files SET tags = '\"[\\\"a\\\"]\"'::jsonb WHERE id = ?", id));
    }

    @Test
    void rejectsCustomMetadataThatIsNotAnObject() {
        UUID id = db.insertFile(fileId());
        assertViolates(
                "storage_files_custom_metadata_is_object",
                () -> db.jdbc.update("UPDATE storage_files SET custom_metadata = '[1]'::jsonb WHERE id = ?", id));
    }

    @Test
    void rejectsDeletedFileWithoutDeletionTime() {
        UUID id = db.insertFile(fileId());
        assertViolates(
                "storage_files_deleted_at_check",
                () -> db.jdbc.update("UPDATE storage_files SET status = 'deleted' WHERE id = ?", id));
    }

    @Test
    void rejectsNegativeAccessCount() {
        UUID id = db.insertFile(fileId());
        assertViolates(
                "storage_files_access_count_check",
                () -> db.jdbc.update("UPDATE storage_files SET access_count = -1 WHERE id = ?", id));
    }

    @Test
    void rejectsVersionNumberZero() {
        UUID id = db.insertFile(fileId());
        assertViolates("storage_file_versions_number_check", () -> db.insertVersion(id, 0, false));
    }

    @Test
    void rejectsSecondCurrentVersion() {
        UUID id = db.insertFile(fileId());
        db.insertVersion(id, 1, true);
        assertViolates("storage_file_versions_one_current_idx", () -> db.insertVersion(id, 2, true));
    }

    @Test
    void rejectsDuplicateVersionNumber() {
        UUID id = db.insertFile(fileId());
        db.insertVersion(id, 1, false);
        assertViolates("storage_file_versions_file_version_key", () -> db.insertVersion(id, 1, false));
    }

    @Test
    void rejectsDuplicateActiveShare() {
        UUID id = db.insertFile(fileId());
        UUID recipient = UUID.randomUUID();
        db.insertShare(id, recipient, true);
        assertViolates("storage_file_shares_one_active_idx", () -> db.insertShare(id, recipient, true));
    }

    @Test
    void allowsSharingAgainAfterARevoke() {
        UUID id = db.insertFile(fileId());
        UUID recipient = UUID.randomUUID();
        UUID first = db.insertShare(id, recipient, true);
        db.jdbc.update("UPDATE storage_file_shares SET is_active = false WHERE id = ?", first);

        db.insertShare(id, recipient, true);

        assertThat(db.jdbc.queryForObject("SELECT count(*) FROM storage_file_shares WHERE file_id = ?", Long.class, id))
                .isEqualTo(2);
    }

    @Test
    void rejectsSelfShare() {
        UUID id = db.insertFile(fileId());
        UUID user = UUID.randomUUID();
        assertViolates("storage_file_shares_no_self_share", () -> db.jdbc.update("""
                INSERT INTO storage_file_shares (id, file_id, shared_by, shared_with, created_at, updated_at)
                VALUES (gen_random_uuid(), ?, ?, ?, now(), now())""", id, user, user));
    }

    @Test
    void rejectsClearPasswordInShare() {
        UUID share = db.insertShare(db.insertFile(fileId()), UUID.randomUUID(), true);
        assertViolates(
                "storage_file_shares_password_hash_phc",
                () -> db.jdbc.update(
                        "UPDATE storage_file_shares SET requires_password = true, password_hash = 'hunter2' WHERE id = ?",
                        share));
    }

    @Test
    void rejectsPasswordFlagWithoutHash() {
        UUID share = db.insertShare(db.insertFile(fileId()), UUID.randomUUID(), true);
        assertViolates(
                "storage_file_shares_password_check",
                () -> db.jdbc.update("UPDATE storage_file_shares SET requires_password = true WHERE id = ?", share));
    }

    @Test
    void rejectsDownloadsBeyondTheLimit() {
        UUID share = db.insertShare(db.insertFile(fileId()), UUID.randomUUID(), true);
        assertViolates(
                "storage_file_shares_download_limit_check",
                () -> db.jdbc.update(
                        "UPDATE storage_file_shares SET max_downloads = 2, download_count = 3 WHERE id = ?", share));
    }

    @Test
    void rejectsUnknownQuotaEntityType() {
        assertViolates(
                "storage_quotas_entity_type_check",
                () -> db.jdbc.update(
                        "INSERT INTO storage_quotas (entity_type, entity_id) VALUES ('team', ?)",
                        UUID.randomUUID().toString()));
    }

    @Test
    void rejectsDuplicateQuotaEntity() {
        String entity = UUID.randomUUID().toString();
        db.jdbc.update("INSERT INTO storage_quotas (entity_type, entity_id) VALUES ('user', ?)", entity);
        assertViolates(
                "storage_quotas_entity_key",
                () -> db.jdbc.update("INSERT INTO storage_quotas (entity_type, entity_id) VALUES ('user', ?)", entity));
    }

    @Test
    void rejectsNonPositiveQuotaLimit() {
        assertViolates(
                "storage_quotas_max_storage_check",
                () -> db.jdbc.update(
                        "INSERT INTO storage_quotas (entity_type, entity_id, max_storage_bytes) VALUES ('user', ?, 0)",
                        UUID.randomUUID().toString()));
    }

    @Test
    void rejectsNegativeQuotaUsage() {
        assertViolates(
                "storage_quotas_used_storage_check",
                () -> db.jdbc.update(
                        "INSERT INTO storage_quotas (entity_type, entity_id, used_storage_bytes) VALUES ('user', ?, -1)",
                        UUID.randomUUID().toString()));
    }

    @Test
    void rejectsUnknownOperation() {
        assertViolates(
                "storage_operations_operation_check",
                () -> db.jdbc.update("""
                INSERT INTO storage_operations (seq, operation, status, created_at, event_source, event_id, event_type,
                    prev_hash, row_hash)
                VALUES (?, 'explode', 'success', now(), '/t', ?, 't', ?, ?)""", nextSeq(), UUID.randomUUID().toString(), randomHash(), new byte[32]));
    }

    @Test
    void rejectsTheSameEventTwiceInTheAuditTrail() {
        String eventId = UUID.randomUUID().toString();
        db.insertOperation(nextSeq(), fileId(), randomHash(), eventId);
        assertViolates(
                "storage_operations_event_key", () -> db.insertOperation(nextSeq(), fileId(), randomHash(), eventId));
    }

    @Test
    void rejectsAForkInTheAuditChain() {
        byte[] predecessor = randomHash();
        db.insertOperation(nextSeq(), fileId(), predecessor, UUID.randomUUID().toString());
        assertViolates(
                "storage_operations_prev_hash_key",
                () -> db.insertOperation(
                        nextSeq(), fileId(), predecessor, UUID.randomUUID().toString()));
    }

    @Test
    void recordsAnOperationWhoseFileDoesNotExist() {
        String fileId = fileId();
        db.insertOperation(nextSeq(), fileId, randomHash(), UUID.randomUUID().toString());

        assertThat(db.jdbc.queryForObject(
                        "SELECT count(*) FROM storage_operations WHERE file_id = ?", Long.class, fileId))
                .isOne();
    }

    @Test
    void purgingAFileKeepsItsAuditTrailAndRemovesItsVersionsAndShares() {
        String fileId = fileId();
        UUID id = db.insertFile(fileId);
        db.insertVersion(id, 1, true);
        db.insertShare(id, UUID.randomUUID(), true);
        db.insertOperation(nextSeq(), fileId, randomHash(), UUID.randomUUID().toString());

        db.jdbc.update("DELETE FROM storage_files WHERE id = ?", id);

        assertThat(db.jdbc.queryForObject(
                        "SELECT count(*) FROM storage_operations WHERE file_id = ?", Long.class, fileId))
                .isOne();
        assertThat(db.jdbc.queryForObject(
                        "SELECT count(*) FROM storage_file_versions WHERE file_id = ?", Long.class, id))
                .isZero();
        assertThat(db.jdbc.queryForObject("SELECT count(*) FROM storage_file_shares WHERE file_id = ?", Long.class, id))
                .isZero();
    }

    private static long nextSeq() {
        return db.jdbc.queryForObject("SELECT coalesce(max(seq), 0) + 1 FROM storage_operations", Long.class);
    }

    private static byte[] randomHash() {
        byte[] hash = new byte[32];
        new java.security.SecureRandom().nextBytes(hash);
        return hash;
    }

    private static void assertViolates(String constraint, Runnable statement) {
        assertThatThrownBy(statement::run)
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining(constraint);
    }
}
