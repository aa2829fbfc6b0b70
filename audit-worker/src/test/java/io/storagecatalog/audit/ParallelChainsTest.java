package io.storagecatalog.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.storagecatalog.audit.append.AuditAppender.Appended;
import io.storagecatalog.common.audit.AuditKeys;
import io.storagecatalog.common.audit.AuditProofs;
import io.storagecatalog.common.audit.AuditRows;
import io.storagecatalog.common.audit.ChainAppend;
import io.storagecatalog.common.audit.ChainViolation;
import io.storagecatalog.common.audit.ChainViolation.Kind;
import io.storagecatalog.common.audit.ProofDocument;
import io.storagecatalog.common.audit.SignedCheckpoint;
import io.storagecatalog.common.audit.SignedCheckpoint.ChainSeal;
import io.storagecatalog.common.audit.TrailAuditor;
import io.storagecatalog.common.event.CatalogEvent;
import io.storagecatalog.common.testing.MixedEvents;
import io.storagecatalog.testkit.TestSigningKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Several hash chains growing side by side: an append waits only for appends to its own chain, and every
 * chain is sealed, proved and audited together, each violation named with its chain.
 */
class ParallelChainsTest extends AuditorTestSupport {

    @Autowired
    AuditProofs proofs;

    @Test
    void anAppendWaitsOnlyForAppendsToItsOwnChain() throws Exception {
        List<CatalogEvent> events = events(new MixedEvents(41, 4).next(30));
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(s -> {
            try (ChainAppend append = ChainAppend.open(chain, operations, List.of(1))) {
                append.add(1, AuditRows.of(events.get(0), Instant.now()));
                locked.countDown();
                if (!release.await(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("never released");
                }
                append.finish();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }));
        assertThat(locked.await(30, TimeUnit.SECONDS)).isTrue();

        Appended elsewhere = appender.append(events.subList(1, 11), chains(10, 2));
        assertThat(elsewhere.rows())
                .hasSize(10)
                .allSatisfy(row -> assertThat(row.chain()).isEqualTo(2));
        assertThat(holder).isNotDone();

        CompletableFuture<Appended> sameChain =
                CompletableFuture.supplyAsync(() -> appender.append(events.subList(11, 21), chains(10, 1)));
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> !sameChain.isDone());
        release.countDown();
        holder.get(30, TimeUnit.SECONDS);
        assertThat(sameChain.get(30, TimeUnit.SECONDS).rows())
                .extracting(row -> row.seq())
                .containsExactly(2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L);
        assertThat(chain.head(1).seq()).isEqualTo(11);
        assertThat(chain.head(2).seq()).isEqualTo(10);
        assertThat(verifier.verify().intact()).isTrue();
    }

    @Test
    void everyChainIsSealedTogetherAndEachRowProvesItsInclusion() {
        for (int number = 0; number < 4; number++) {
            appendDirectly(number, new MixedEvents(50 + number, 4).next(40 + number * 10));
        }
        SignedCheckpoint sealed = checkpoints.sealNow();

        assertThat(sealed.statement().chains()).extracting(ChainSeal::chain).containsExactlyElementsOf(chain.chains());
        assertThat(sealed.statement().chains().stream()
                        .mapToLong(ChainSeal::rows)
                        .toArray())
                .containsExactly(40, 50, 60, 70, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        assertThat(sealed.body()).contains("\nchain trail 0 40 ").contains("\nchain trail-3 0 70 ");
        AuditProofs.Inclusion proof = proofs.inclusion(2, 17);
        assertThat(proof.row().chain()).isEqualTo(2);
        assertThat(ProofDocument.verify(
                                ProofDocument.json(proof).toString(),
                                List.of(AuditKeys.readPublicKey(TestSigningKey.publicKeyFile(), "test")))
                        .detail())
                .contains("audit row 17 of chain 2 is in the trail");
        // A row of one chain does not prove a place in another.
        String moved = ProofDocument.json(proof).toString().replace("\"chain\":2", "\"chain\":1");
        assertThat(ProofDocument.verify(moved, List.of(AuditKeys.readPublicKey(TestSigningKey.publicKeyFile(), "t")))
                        .valid())
                .isFalse();
        TrailAuditor.Audit audit = auditor().audit();
        assertThat(audit.intact()).as("%s", audit).isTrue();
        assertThat(audit.result().rowsChecked()).isEqualTo(220);
    }

    @Test
    void aRowRemovedFromOneChainIsNamedWithItsChain() {
        spreadAndSeal();
        asDatabaseAttacker("DELETE FROM storage_operations WHERE chain = 2 AND seq = 12");
        assertThat(violation()).satisfies(v -> {
            assertThat(v.chain()).isEqualTo(2);
            assertThat(v.seq()).isEqualTo(12);
            assertThat(v.kind()).isEqualTo(Kind.ROW_MISSING);
        });
    }

    @Test
    void aRowMovedToAnotherChainIsDetected() {
        spreadAndSeal();
        asDatabaseAttacker(
                "UPDATE storage_operations SET chain = 3, seq = 31 WHERE chain = 1 AND seq = 30",
                "UPDATE storage_audit_chain_head SET seq = 29,"
                        + " row_hash = (SELECT row_hash FROM storage_operations WHERE chain = 1 AND seq = 29)"
                        + " WHERE chain = 1");
        ChainViolation violation = violation();
        assertThat(violation.chain()).isEqualTo(1);
        assertThat(violation.kind()).isEqualTo(Kind.TRUNCATED);
    }

    @Test
    void aChainCutOffBehindItsSealIsNamed() {
        spreadAndSeal();
        asDatabaseAttacker(
                "DELETE FROM storage_operations WHERE chain = 3 AND seq > 25",
                "UPDATE storage_audit_chain_head SET seq = 25,"
                        + " row_hash = (SELECT row_hash FROM storage_operations WHERE chain = 3 AND seq = 25)"
                        + " WHERE chain = 3");
        assertThat(violation()).satisfies(v -> {
            assertThat(v.chain()).isEqualTo(3);
            assertThat(v.seq()).isEqualTo(26);
            assertThat(v.kind()).isEqualTo(Kind.TRUNCATED);
        });
    }

    @Test
    void aForgedRotationOfOneChainIsNamed() {
        spreadAndSeal();
        jdbc.update(
                "INSERT INTO storage_audit_rotations (chain, first_seq, last_seq, rows_deleted, archive_key, last_hash)"
                        + " VALUES (1, 1, 30, 30, 'audit/forged.manifest.json',"
                        + " (SELECT row_hash FROM storage_operations WHERE chain = 1 AND seq = 30))");
        assertThat(violation()).satisfies(v -> {
            assertThat(v.chain()).isEqualTo(1);
            assertThat(v.kind()).isEqualTo(Kind.ROTATION_FORGED);
        });
    }

    private void spreadAndSeal() {
        for (int number = 0; number < 4; number++) {
            appendDirectly(number, new MixedEvents(60 + number, 4).next(30));
        }
        checkpoints.sealNow();
        assertThat(auditor().audit().intact()).isTrue();
    }

    private static int[] chains(int size, int chain) {
        int[] chains = new int[size];
        Arrays.fill(chains, chain);
        return chains;
    }
}
