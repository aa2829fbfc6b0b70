package io.storagecatalog.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.storagecatalog.common.audit.AuditHashing;
import io.storagecatalog.common.audit.ChainVerification;
import io.storagecatalog.common.audit.ChainViolation.Kind;
import io.storagecatalog.common.testing.MixedEvents;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.annotation.DirtiesContext.ClassMode;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Each test tampers with committed rows the way an attacker with full database rights would (triggers
 * switched off for the session) and checks that verification names the first bad row and why.
 */
@DirtiesContext(classMode = ClassMode.AFTER_EACH_TEST_METHOD)
class TamperTest extends AuditTestSupport {

    @Autowired
    TransactionTemplate transactions;

    @BeforeEach
    void appendAChain() {
        appendDirectly(new MixedEvents(3, 4).next(200));
        assertThat(verifier.verify().violation()).isNull();
    }

    private void asAttacker(String... statements) {
        transactions.executeWithoutResult(status -> {
            jdbc.execute("SET LOCAL session_replication_role = replica");
            for (String statement : statements) {
                jdbc.execute(statement);
            }
        });
    }

    @Test
    void detectsAChangedColumn() {
        asAttacker("UPDATE storage_operations SET bytes_transferred = 1 WHERE seq = 57");

        ChainVerification result = verifier.verify();

        assertThat(result.intact()).isFalse();
        assertThat(result.violation().seq()).isEqualTo(57);
        assertThat(result.violation().kind()).isEqualTo(Kind.CONTENT_CHANGED);
    }

    @Test
    void detectsADeletedRow() {
        asAttacker("DELETE FROM storage_operations WHERE seq = 120");

        ChainVerification result = verifier.verify();

        assertThat(result.violation().seq()).isEqualTo(120);
        assertThat(result.violation().kind()).isEqualTo(Kind.ROW_MISSING);
    }

    @Test
    void detectsADeletedLastRow() {
        asAttacker("DELETE FROM storage_operations WHERE seq = 200");

        assertThat(verifier.verify().violation()).satisfies(v -> {
            assertThat(v.seq()).isEqualTo(200);
            assertThat(v.kind()).isEqualTo(Kind.ROW_MISSING);
        });
    }

    @Test
    void detectsAForgedRowInsertedWithAValidHashOfItsOwn() {
        // Make room at position 80 and insert a forged row there, hashed correctly over a made-up link.
        asAttacker(
                "ALTER TABLE storage_operations DROP CONSTRAINT storage_operations_position_key",
                "UPDATE storage_operations SET seq = seq + 1 WHERE seq >= 80",
                "UPDATE storage_audit_chain_head SET seq = seq + 1 WHERE chain = 0");
        var template = jdbc.queryForMap("SELECT * FROM storage_operations WHERE seq = 81");
        byte[] fakePrevious = new byte[32];
        fakePrevious[0] = 7;
        io.storagecatalog.common.audit.AuditRow forged = new io.storagecatalog.common.audit.AuditRow(
                java.util.UUID.randomUUID(),
                0,
                80,
                "files/forged.pdf",
                "delete",
                "success",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                java.time.Instant.parse("2026-01-01T10:00:00Z"),
                "/forger",
                "forged-1",
                "storage.file.delete",
                java.time.Instant.parse("2026-01-01T10:00:00Z"),
                fakePrevious,
                null);
        byte[] forgedHash = AuditHashing.hash(fakePrevious, forged);
        transactions.executeWithoutResult(status -> {
            jdbc.execute("SET LOCAL session_replication_role = replica");
            jdbc.update(
                    """
                    INSERT INTO storage_operations (id, seq, file_id, operation, status, created_at, event_source,
                        event_id, event_type, recorded_at, prev_hash, row_hash)
                    VALUES (?, 80, 'files/forged.pdf', 'delete', 'success', ?, '/forger', 'forged-1',
                        'storage.file.delete', ?, ?, ?)""",
                    forged.id(),
                    java.sql.Timestamp.from(forged.createdAt()),
                    java.sql.Timestamp.from(forged.recordedAt()),
                    fakePrevious,
                    forgedHash);
        });
        assertThat(template).isNotEmpty();

        ChainVerification result = verifier.verify();

        assertThat(result.violation().seq()).isEqualTo(80);
        assertThat(result.violation().kind()).isEqualTo(Kind.ROW_INSERTED);
    }

    @Test
    void detectsTwoRowsSwapped() {
        asAttacker(
                "ALTER TABLE storage_operations DROP CONSTRAINT storage_operations_position_key",
                "UPDATE storage_operations SET seq = CASE seq WHEN 150 THEN 151 ELSE 150 END WHERE seq IN (150, 151)");

        ChainVerification result = verifier.verify();

        assertThat(result.violation().seq()).isEqualTo(150);
        assertThat(result.violation().kind()).isEqualTo(Kind.ORDER_CHANGED);
    }
}
