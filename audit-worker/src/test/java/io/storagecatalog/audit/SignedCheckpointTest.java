package io.storagecatalog.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.storagecatalog.audit.checkpoint.CheckpointWriter;
import io.storagecatalog.audit.verify.IntegrityCheck;
import io.storagecatalog.common.audit.AuditHashing;
import io.storagecatalog.common.audit.AuditRow;
import io.storagecatalog.common.audit.ChainVerification;
import io.storagecatalog.common.audit.ChainViolation.Kind;
import io.storagecatalog.common.audit.CheckpointStore;
import io.storagecatalog.common.audit.MerkleTree;
import io.storagecatalog.common.audit.OperationRepository;
import io.storagecatalog.common.audit.SignedCheckpoint;
import io.storagecatalog.common.s3.ObjectStore;
import io.storagecatalog.common.testing.MixedEvents;
import io.storagecatalog.testkit.TestInfrastructure;
import io.storagecatalog.testkit.TopicReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.annotation.DirtiesContext.ClassMode;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Signed checkpoints: sealed on the cadence (empty intervals too), chained, copied create-only to the
 * object store; and they defeat an attacker who rewrites history consistently in the database alone
 * (every hash recomputed, the head moved).
 */
@DirtiesContext(classMode = ClassMode.AFTER_EACH_TEST_METHOD)
class SignedCheckpointTest extends AuditTestSupport {

    @Autowired
    CheckpointWriter checkpoints;

    @Autowired
    IntegrityCheck integrity;

    @Autowired
    OperationRepository operations;

    @Autowired
    ObjectStore store;

    @Autowired
    CheckpointStore checkpointStore;

    @Autowired
    TransactionTemplate transactions;

    @Value("${storage-catalog.audit.checkpoint-bucket}")
    String bucket;

    @Test
    void sealsIntervalsEmptyOrNotEachNamingTheOneBefore() {
        SignedCheckpoint first = checkpoints.sealNow();
        appendDirectly(new MixedEvents(5, 4).next(30));
        SignedCheckpoint second = checkpoints.sealNow();
        SignedCheckpoint third = checkpoints.sealNow();

        assertThat(second.index()).isEqualTo(first.index() + 1);
        assertThat(second.statement().previous()).isEqualTo(first.digest());
        assertThat(second.statement().chain(0).orElseThrow().from())
                .isEqualTo(first.statement().chain(0).orElseThrow().size());
        assertThat(second.statement().chain(0).orElseThrow().rows()).isEqualTo(30);
        assertThat(third.statement().chain(0).orElseThrow().rows())
                .as("an empty interval")
                .isZero();
        assertThat(third.statement().chain(0).orElseThrow().root()).isEqualTo(MerkleTree.EMPTY_ROOT);
        assertThat(third.statement().chain(0).orElseThrow().head())
                .isEqualTo(second.statement().chain(0).orElseThrow().head());
        assertThat(third.statement().log().size()).isEqualTo(third.index() - 1);
        List<byte[]> hashes = new ArrayList<>();
        operations.streamChain(
                0,
                second.statement().chain(0).orElseThrow().from(),
                second.statement().chain(0).orElseThrow().size(),
                100,
                row -> hashes.add(MerkleTree.leafHash(row.rowHash())));
        assertThat(second.statement().chain(0).orElseThrow().root()).isEqualTo(MerkleTree.root(hashes));
        assertThat(checkpointStore.readAll())
                .extracting(CheckpointStore.StoredCheckpoint::checkpoint)
                .contains(first, second, third);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM storage_audit_signed_checkpoints WHERE object_key IS NULL", Long.class))
                .isZero();
    }

    @Test
    void aCopyIsNeverOverwritten() {
        SignedCheckpoint sealed = checkpoints.sealNow();
        String key = CheckpointStore.key(sealed.index());
        byte[] original = store.get(bucket, key);

        assertThat(store.putIfAbsent(bucket, key, "{}".getBytes(StandardCharsets.UTF_8), "application/json", null))
                .isFalse();
        assertThat(store.get(bucket, key)).isEqualTo(original);
        // Writing the same checkpoint again (a retry after a crash) is not an error; it changes nothing.
        assertThat(checkpointStore.write(sealed)).isEqualTo(bucket + "/" + key);
    }

    @Test
    void detectsAConsistentRewriteOfSealedHistory() {
        appendDirectly(new MixedEvents(17, 4).next(100));
        SignedCheckpoint sealed = checkpoints.sealNow();
        assertThat(sealed.statement().chain(0).orElseThrow().size()).isEqualTo(100);
        assertThat(integrity.run().intact()).isTrue();

        rewriteFrom(40);

        assertThat(verifier.verify().intact())
                .as("the database alone looks consistent")
                .isTrue();
        ChainVerification result = integrity.run();
        assertThat(result.intact()).as("%s", result).isFalse();
        assertThat(result.violation().kind()).isEqualTo(Kind.CHECKPOINT_MISMATCH);
        assertThat(result.violation().seq()).isEqualTo(100);
        assertThat(TopicReader.containing(
                        TestInfrastructure.kafka().bootstrapServers(),
                        catalogEvents,
                        1,
                        WAIT,
                        "storage.audit.integrity-violation",
                        "CHECKPOINT_MISMATCH"))
                .hasSize(1);
    }

    @Test
    void aSealerRefusesToSealAChainWithAGap() {
        appendDirectly(new MixedEvents(9, 4).next(20));
        transactions.executeWithoutResult(status -> {
            jdbc.execute("SET LOCAL session_replication_role = replica");
            jdbc.update("DELETE FROM storage_operations WHERE seq = (SELECT min(seq) + 5 FROM storage_operations)");
        });

        org.assertj.core.api.Assertions.assertThatThrownBy(checkpoints::sealNow)
                .hasMessageContaining("is missing or does not link");
    }

    /** Changes row {@code from} and recomputes every later hash and the head. */
    private void rewriteFrom(long from) {
        List<AuditRow> rows = new ArrayList<>();
        operations.streamChain(0, from - 2, Long.MAX_VALUE, 1000, rows::add);
        transactions.executeWithoutResult(status -> {
            jdbc.execute("SET LOCAL session_replication_role = replica");
            byte[] previous = rows.get(0).rowHash();
            for (AuditRow row : rows.subList(1, rows.size())) {
                AuditRow changed = row.seq() == from ? withStatus(row, "failed") : row;
                byte[] hash = AuditHashing.hash(previous, changed);
                jdbc.update(
                        "UPDATE storage_operations SET status = ?, prev_hash = ?, row_hash = ? WHERE seq = ?",
                        changed.status(),
                        previous,
                        hash,
                        row.seq());
                previous = hash;
            }
            jdbc.update("UPDATE storage_audit_chain_head SET row_hash = ? WHERE chain = 0", previous);
        });
        assertThat(Arrays.equals(
                        rows.get(rows.size() - 1).rowHash(),
                        operations
                                .row(0, rows.get(rows.size() - 1).seq())
                                .orElseThrow()
                                .rowHash()))
                .isFalse();
    }

    static AuditRow withStatus(AuditRow row, String status) {
        return new AuditRow(
                row.id(),
                row.chain(),
                row.seq(),
                row.fileId(),
                row.operation(),
                status,
                row.provider(),
                row.bytesTransferred(),
                row.durationMs(),
                row.clientIp(),
                row.userAgent(),
                row.userId(),
                row.sessionId(),
                row.correlationId(),
                row.errorCode(),
                row.errorMessage(),
                row.errorDetailsJson(),
                row.purpose(),
                row.metadataJson(),
                row.createdAt(),
                row.eventSource(),
                row.eventId(),
                row.eventType(),
                row.recordedAt(),
                null,
                null);
    }
}
