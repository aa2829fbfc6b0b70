package io.storagecatalog.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.storagecatalog.common.audit.ChainVerification;
import io.storagecatalog.common.testing.MixedEvents;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;

/** The application's own connection cannot change the trail; only the rotation path removes rows. */
class AppendOnlyTest extends AuditTestSupport {

    @BeforeEach
    void appendAChain() {
        if (rows() == 0) {
            appendDirectly(new MixedEvents(8, 3).next(100));
        }
    }

    @Test
    void rejectsUpdate() {
        assertThatThrownBy(() -> jdbc.update("UPDATE storage_operations SET status = 'failed' WHERE seq = 10"))
                .isInstanceOf(DataAccessException.class)
                .rootCause()
                .hasMessageContaining("append-only");
    }

    @Test
    void rejectsDelete() {
        assertThatThrownBy(() -> jdbc.update("DELETE FROM storage_operations WHERE seq = 10"))
                .isInstanceOf(DataAccessException.class)
                .rootCause()
                .hasMessageContaining("append-only");
    }

    @Test
    void rejectsTruncate() {
        assertThatThrownBy(() -> jdbc.execute("TRUNCATE storage_operations"))
                .isInstanceOf(DataAccessException.class)
                .rootCause()
                .hasMessageContaining("append-only");
        assertThat(rows()).isPositive();
    }

    @Test
    void rotationRemovesTheOldestRowsOnRecordAndTheRestStillVerifies() {
        long first = jdbc.queryForObject("SELECT min(seq) FROM storage_operations", Long.class);
        Long removed = jdbc.queryForObject(
                "SELECT storage_audit_rotate(?, ?, 'archive/test.ndjson.gz')", Long.class, first, first + 19);

        ChainVerification result = verifier.verify();

        assertThat(removed).isEqualTo(20);
        assertThat(result.intact()).isTrue();
        assertThat(result.fromSeq()).isEqualTo(first + 19);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM storage_audit_rotations WHERE last_seq = ?", Long.class, first + 19))
                .isOne();
        assertThatThrownBy(() -> jdbc.queryForObject(
                        "SELECT storage_audit_rotate(?, ?, 'x')", Long.class, first + 30, first + 40))
                .rootCause()
                .hasMessageContaining("must start at the oldest");
    }
}
