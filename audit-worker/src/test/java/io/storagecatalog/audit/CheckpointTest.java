package io.storagecatalog.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.storagecatalog.audit.checkpoint.CheckpointWriter;
import io.storagecatalog.audit.verify.IntegrityCheck;
import io.storagecatalog.common.audit.AuditChainRepository.Checkpoint;
import io.storagecatalog.common.audit.AuditHashing;
import io.storagecatalog.common.audit.AuditRow;
import io.storagecatalog.common.audit.ChainVerification;
import io.storagecatalog.common.audit.ChainViolation.Kind;
import io.storagecatalog.common.audit.OperationRepository;
import io.storagecatalog.common.s3.ObjectStore;
import io.storagecatalog.common.testing.MixedEvents;
import io.storagecatalog.testkit.TestInfrastructure;
import io.storagecatalog.testkit.TopicReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A checkpoint's copy in the object store defeats an attacker who rewrites history consistently in
 * the database alone (every hash recomputed, head and checkpoint rows updated).
 */
class CheckpointTest extends AuditTestSupport {

    @Autowired
    CheckpointWriter checkpoints;

    @Autowired
    IntegrityCheck integrity;

    @Autowired
    OperationRepository operations;

    @Autowired
    ObjectStore store;

    @Autowired
    io.storagecatalog.common.audit.CheckpointStore checkpointStore;

    @Autowired
    TransactionTemplate transactions;

    @Value("${storage-catalog.audit.checkpoint-bucket}")
    String bucket;

    @Test
    void detectsAConsistentRewriteOfCheckpointedHistory() {
        appendDirectly(new MixedEvents(17, 4).next(100));
        Checkpoint checkpoint = checkpoints.checkpoint().orElseThrow();
        assertThat(checkpoint.seq()).isEqualTo(100);
        assertThat(store.size(bucket, "checkpoints/00000000000000000100.json")).isPositive();
        assertThat(integrity.run().intact()).isTrue();

        rewriteFrom(40);

        assertThat(verifier.verify().intact())
                .as("the database alone looks consistent")
                .isTrue();
        ChainVerification result = integrity.run();
        assertThat(result.intact())
                .as("%s; object store copies: %s", result, checkpointStore.readAll())
                .isFalse();
        assertThat(result.violation().kind()).isEqualTo(Kind.CHECKPOINT_MISMATCH);
        assertThat(result.violation().seq()).isEqualTo(100);
        List<ConsumerRecord<String, byte[]>> published =
                TopicReader.read(TestInfrastructure.kafka().bootstrapServers(), catalogEvents, 1, WAIT, Duration.ZERO);
        assertThat(new String(published.get(0).value(), StandardCharsets.UTF_8))
                .contains("storage.audit.integrity-violation", "CHECKPOINT_MISMATCH");
    }

    /** Changes row {@code from} and recomputes every later hash, the head and the database's checkpoint. */
    private void rewriteFrom(long from) {
        List<AuditRow> rows = new ArrayList<>();
        operations.streamChain(from - 2, Long.MAX_VALUE, 1000, rows::add);
        transactions.executeWithoutResult(status -> {
            jdbc.execute("SET LOCAL session_replication_role = replica");
            byte[] previous = rows.get(0).rowHash();
            for (AuditRow row : rows.subList(1, rows.size())) {
                AuditRow changed = row.seq() == from
                        ? new AuditRow(
                                row.id(),
                                row.seq(),
                                row.fileId(),
                                row.operation(),
                                "failed",
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
                                null)
                        : row;
                byte[] hash = AuditHashing.hash(previous, changed);
                jdbc.update(
                        "UPDATE storage_operations SET status = ?, prev_hash = ?, row_hash = ? WHERE seq = ?",
                        changed.status(),
                        previous,
                        hash,
                        row.seq());
                previous = hash;
            }
            jdbc.update("UPDATE storage_audit_chain_head SET row_hash = ?", previous);
            jdbc.update("UPDATE storage_audit_checkpoints SET row_hash = ? WHERE seq = 100", previous);
        });
    }
}
