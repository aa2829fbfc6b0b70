package io.storagecatalog.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.storagecatalog.common.audit.AuditSigner;
import io.storagecatalog.common.audit.AuditorState;
import io.storagecatalog.common.audit.ChainViolation.Kind;
import io.storagecatalog.common.audit.CheckpointSealer;
import io.storagecatalog.common.audit.CheckpointStore;
import io.storagecatalog.common.audit.SignedCheckpoint;
import io.storagecatalog.common.audit.SignedCheckpointRepository;
import io.storagecatalog.common.audit.TrailAuditor;
import io.storagecatalog.common.s3.ObjectStore;
import io.storagecatalog.common.testing.MixedEvents;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * The auditor's verifier, trusting the public key alone, against each thing an attacker with the
 * database's rights, the object store's, or both, might do: each is detected and the first bad row or
 * checkpoint named.
 */
class TrailAuditorTest extends AuditorTestSupport {

    @Autowired
    SignedCheckpointRepository signed;

    @Autowired
    AuditSigner signer;

    @Autowired
    ObjectStore store;

    @Value("${storage-catalog.audit.checkpoint-bucket}")
    String bucket;

    SignedCheckpoint first;
    SignedCheckpoint second;

    @BeforeEach
    void sealTwoIntervals() {
        appendDirectly(new MixedEvents(31, 4).next(120));
        first = checkpoints.sealNow();
        appendDirectly(new MixedEvents(32, 4).next(80));
        second = checkpoints.sealNow();
        assertThat(auditor().audit().intact()).as("%s", auditor().audit()).isTrue();
    }

    @Test
    void aChangedRowIsNamed() {
        long seq = first.statement().chain(0).orElseThrow().size() - 3;
        asDatabaseAttacker("UPDATE storage_operations SET bytes_transferred = 1 WHERE seq = " + seq);
        assertThat(violation()).satisfies(v -> {
            assertThat(v.kind()).isEqualTo(Kind.CONTENT_CHANGED);
            assertThat(v.seq()).isEqualTo(seq);
        });
    }

    @Test
    void aDeletedRowIsNamed() {
        long seq = second.statement().chain(0).orElseThrow().from() + 10;
        asDatabaseAttacker("DELETE FROM storage_operations WHERE seq = " + seq);
        assertThat(violation()).satisfies(v -> {
            assertThat(v.kind()).isEqualTo(Kind.ROW_MISSING);
            assertThat(v.seq()).isEqualTo(seq);
        });
    }

    @Test
    void aTruncatedHeadIsDetectedEvenWithTheHeadMovedBack() {
        long end = second.statement().chain(0).orElseThrow().size();
        asDatabaseAttacker(
                "DELETE FROM storage_operations WHERE seq > " + (end - 5),
                "UPDATE storage_audit_chain_head SET seq = " + (end - 5)
                        + ", row_hash = (SELECT row_hash FROM storage_operations WHERE seq = " + (end - 5)
                        + ") WHERE chain = 0");
        assertThat(violation()).satisfies(v -> {
            assertThat(v.kind()).isEqualTo(Kind.TRUNCATED);
            assertThat(v.seq()).isEqualTo(end - 4);
        });
    }

    @Test
    void aForgedRotationRecordIsNamedAndMovesNothing() {
        long end = first.statement().chain(0).orElseThrow().size();
        jdbc.update(
                "INSERT INTO storage_audit_rotations (first_seq, last_seq, rows_deleted, archive_key, last_hash) "
                        + "VALUES (1, ?, ?, 'audit/forged.manifest.json', "
                        + "(SELECT row_hash FROM storage_operations WHERE seq = ?))",
                end,
                end,
                end);
        assertThat(violation().kind()).isEqualTo(Kind.ROTATION_FORGED);
    }

    @Test
    void rowsRemovedWithoutASignedArchiveAreNamed() {
        asDatabaseAttacker("DELETE FROM storage_operations WHERE seq <= 50");
        assertThat(violation()).satisfies(v -> {
            assertThat(v.kind()).isEqualTo(Kind.ROTATION_FORGED);
            assertThat(v.seq()).isEqualTo(1);
        });
    }

    @Test
    void anOverwrittenCheckpointIsDetected() {
        String key = CheckpointStore.key(first.index());
        String copy = new String(store.get(bucket, key), StandardCharsets.UTF_8);
        store.put(
                bucket,
                key,
                copy.replace("interval PT1H", "interval PT2H").getBytes(StandardCharsets.UTF_8),
                "application/json");
        assertThat(violation()).satisfies(v -> {
            assertThat(v.kind()).isEqualTo(Kind.CHECKPOINT_INVALID);
            assertThat(v.detail()).contains("checkpoint " + first.index());
        });
    }

    @Test
    void aMissingCheckpointIsDetected() {
        store.remove(bucket, List.of(CheckpointStore.key(first.index())));
        assertThat(violation()).satisfies(v -> {
            assertThat(v.kind()).isEqualTo(Kind.CHECKPOINT_MISSING);
            assertThat(v.detail()).contains("checkpoint " + first.index());
        });
    }

    @Test
    void anIntervalWithoutACheckpointIsDetected() {
        // A sealer that has been running seals on time, then its next checkpoint comes three hours later
        // with no pause declared: the checkpoints between them are missing.
        SteppedClock clock = new SteppedClock();
        CheckpointSealer running = sealer(clock);
        running.seal();
        clock.offset = Duration.ofHours(3);
        running.seal();
        assertThat(violation().kind()).isEqualTo(Kind.INTERVAL_MISSING);
    }

    @Test
    void aSealerStartedAfterAPauseDeclaresItAndTheTrailVerifies() {
        SteppedClock clock = new SteppedClock();
        clock.offset = Duration.ofHours(3);
        appendDirectly(new MixedEvents(34, 4).next(5));

        SignedCheckpoint resumed = sealer(clock).seal();

        assertThat(resumed.statement().pause())
                .isBetween(Duration.ofHours(3), Duration.ofHours(3).plusMinutes(1));
        assertThat(resumed.body()).contains("\npause PT3H");
        TrailAuditor.Audit audit = auditor().audit();
        assertThat(audit.intact()).as("%s", audit).isTrue();
        assertThat(audit.state().index()).isEqualTo(resumed.index());
    }

    private CheckpointSealer sealer(Clock clock) {
        return new CheckpointSealer(
                signed, chain, operations, checkpointStore, signer, transactions, Duration.ofHours(1), clock);
    }

    /** The system's time moved on by {@code offset}. */
    private static final class SteppedClock extends Clock {
        Duration offset = Duration.ZERO;

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public java.time.Instant instant() {
            return java.time.Instant.now().plus(offset);
        }
    }

    @Test
    void aResumedAuditReadsOnlyWhatCameAfterItsLastCheckpoint() {
        TrailAuditor.Audit full = auditor().audit();
        AuditorState state = full.state();
        assertThat(state.index()).isEqualTo(second.index());
        appendDirectly(new MixedEvents(33, 4).next(15));
        checkpoints.sealNow();

        TrailAuditor.Audit resumed = auditor().audit(Optional.of(state), false);

        assertThat(resumed.intact()).as("%s", resumed).isTrue();
        assertThat(resumed.result().rowsChecked()).isEqualTo(15);
        assertThat(resumed.state().index()).isEqualTo(second.index() + 1);
        // A checkpoint verified before and changed since is caught on resumption.
        asDatabaseAttacker("UPDATE storage_operations SET status = 'failed' WHERE seq = " + (state.size() + 2));
        assertThat(auditor()
                        .audit(Optional.of(state), false)
                        .result()
                        .violation()
                        .kind())
                .isEqualTo(Kind.CONTENT_CHANGED);
    }
}
