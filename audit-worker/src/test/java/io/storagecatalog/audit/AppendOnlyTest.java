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

    @org.springframework.beans.factory.annotation.Autowired
    io.storagecatalog.audit.checkpoint.CheckpointWriter checkpoints;

    @BeforeEach
    void appendAChain() {
        if (rows() == 0) {
            appendDirectly(new MixedEvents(8, 3).next(100));
        }
    }

    @Test
    void rejectsUpdate() {
        assertThatThrownBy(
                        () -> jdbc.update(
                                "UPDATE storage_operations SET status = 'failed' WHERE seq = (SELECT max(seq) FROM storage_operations)"))
                .isInstanceOf(DataAccessException.class)
                .rootCause()
                .hasMessageContaining("append-only");
    }

    @Test
    void rejectsDelete() {
        assertThatThrownBy(() -> jdbc.update(
                        "DELETE FROM storage_operations WHERE seq = (SELECT max(seq) FROM storage_operations)"))
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
    void rotationRemovesOnlyWholeStoredIntervalsPastTheRetentionFloor() {
        long first = jdbc.queryForObject("SELECT min(seq) FROM storage_operations", Long.class);
        long end = checkpoints.sealNow().statement().chain(0).orElseThrow().size();
        appendDirectly(new MixedEvents(9, 3).next(10));
        checkpoints.sealNow();

        assertThatThrownBy(() -> rotate(first, end - 1))
                .rootCause()
                .hasMessageContaining("must end where a stored signed checkpoint ends");
        assertThatThrownBy(() -> rotate(first, end)).rootCause().hasMessageContaining("retention floor");
        jdbc.update("UPDATE storage_audit_retention_floor SET min_age = interval '0'");
        long removed = rotate(first, end);

        ChainVerification result = verifier.verify();
        assertThat(removed).isEqualTo(end - first + 1);
        assertThat(result.intact()).isTrue();
        assertThat(result.fromSeq()).isEqualTo(end);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM storage_audit_rotations WHERE last_seq = ?", Long.class, end))
                .isOne();
        assertThatThrownBy(() -> rotate(end + 3, end + 5)).rootCause().hasMessageContaining("must start at the oldest");
    }

    private long rotate(long first, long last) {
        return jdbc.queryForObject(
                "SELECT storage_audit_rotate(0::smallint, ?, ?, 'archive/test.ndjson.gz')", Long.class, first, last);
    }
}
