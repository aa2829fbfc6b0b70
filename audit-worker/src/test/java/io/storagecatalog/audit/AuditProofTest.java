package io.storagecatalog.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.storagecatalog.audit.checkpoint.CheckpointWriter;
import io.storagecatalog.audit.verify.OfflineCommands;
import io.storagecatalog.common.audit.AuditKeys;
import io.storagecatalog.common.audit.AuditProofs;
import io.storagecatalog.common.audit.ProofDocument;
import io.storagecatalog.common.audit.SignedCheckpoint;
import io.storagecatalog.common.testing.MixedEvents;
import io.storagecatalog.testkit.TestSigningKey;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/** Proofs that verify with the public key alone, and fail when anything in them is changed. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditProofTest extends AuditTestSupport {

    @Autowired
    CheckpointWriter checkpoints;

    @Autowired
    AuditProofs proofs;

    PublicKey key = AuditKeys.readPublicKey(TestSigningKey.publicKeyFile(), "test");
    SignedCheckpoint big;
    SignedCheckpoint small;

    @BeforeEach
    void sealTwoIntervals() {
        if (big != null) {
            return;
        }
        appendDirectly(new MixedEvents(23, 4).next(2_600));
        big = checkpoints.sealNow();
        appendDirectly(new MixedEvents(24, 4).next(7));
        small = checkpoints.sealNow();
    }

    @Test
    void everyRowOfABlockedIntervalProvesItsInclusion() {
        long from = big.statement().chain(0).orElseThrow().from();
        assertThat(big.statement().chain(0).orElseThrow().rows()).isGreaterThan(2 * 1024);
        for (long offset : new long[] {
            1,
            2,
            1023,
            1024,
            1025,
            2048,
            2049,
            big.statement().chain(0).orElseThrow().rows()
        }) {
            String proof =
                    ProofDocument.json(proofs.inclusion(0, from + offset)).toString();
            assertThat(ProofDocument.verify(proof, List.of(key)))
                    .as("row %d", from + offset)
                    .satisfies(check ->
                            assertThat(check.valid()).as(check.detail()).isTrue());
        }
        String proof = ProofDocument.json(proofs.inclusion(
                        0, small.statement().chain(0).orElseThrow().size()))
                .toString();
        assertThat(ProofDocument.verify(proof, List.of(key)).valid()).isTrue();
    }

    @Test
    void aChangedProofOrAnotherKeyFails() {
        String proof = ProofDocument.json(proofs.inclusion(
                        0, big.statement().chain(0).orElseThrow().from() + 77))
                .toString();
        String otherRowContent = proof.replaceFirst("\"status\":\"[a-z]+\"", "\"status\":\"forged\"");
        assertThat(ProofDocument.verify(otherRowContent, List.of(key)).detail()).contains("row");
        String otherPlace = proof.replaceFirst("\"leafIndex\":76", "\"leafIndex\":75");
        assertThat(ProofDocument.verify(otherPlace, List.of(key)).valid()).isFalse();
        PublicKey stranger = AuditKeys.generate().getPublic();
        assertThat(ProofDocument.verify(proof, List.of(stranger)).detail()).contains("key not given");
    }

    @Test
    void aLaterCheckpointProvesItExtendsAnEarlierOne() {
        String proof = ProofDocument.json(proofs.consistency(big.index(), small.index()))
                .toString();
        assertThat(ProofDocument.verify(proof, List.of(key)).valid()).isTrue();
        if (big.index() > 1) {
            String fromFirst =
                    ProofDocument.json(proofs.consistency(1, small.index())).toString();
            assertThat(ProofDocument.verify(fromFirst, List.of(key)).valid()).isTrue();
        }
        assertThatThrownBy(() -> proofs.consistency(small.index(), big.index()))
                .isInstanceOf(AuditProofs.NoProof.class);
    }

    @Test
    void aRowNotYetSealedHasNoProofYet() {
        appendDirectly(new MixedEvents(25, 4).next(1));
        long unsealed = jdbc.queryForObject("SELECT max(seq) FROM storage_operations", Long.class);
        assertThatThrownBy(() -> proofs.inclusion(0, unsealed))
                .isInstanceOf(AuditProofs.NoProof.class)
                .hasMessageContaining("not sealed");
        checkpoints.sealNow();
        assertThat(proofs.inclusion(0, unsealed).row().seq()).isEqualTo(unsealed);
    }

    @Test
    void theCommandChecksAProofWithTheKeyFileAlone(@TempDir Path directory) throws Exception {
        Path proof = directory.resolve("proof.json");
        Files.writeString(
                proof,
                ProofDocument.json(proofs.inclusion(
                                0, big.statement().chain(0).orElseThrow().size()))
                        .toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = OfflineCommands.run(
                new String[] {"--verify-proof=" + proof, "--public-key=" + TestSigningKey.publicKeyFile()},
                new PrintStream(out, true, StandardCharsets.UTF_8),
                System.err);
        assertThat(exit).as(out.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("proof holds");

        Files.writeString(proof, Files.readString(proof).replace("\"treeSize\":", "\"treeSize\":1"));
        assertThat(OfflineCommands.run(
                        new String[] {"--verify-proof=" + proof, "--public-key=" + TestSigningKey.publicKeyFile()},
                        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                        System.err))
                .isEqualTo(3);
    }

    @Test
    void theCommandMakesASigningKeyOnceAndNeverOverwritesIt(@TempDir Path directory) {
        Path file = directory.resolve("signing.pem");
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertThat(OfflineCommands.run(new String[] {"--new-signing-key=" + file}, quiet, quiet))
                .isZero();
        assertThat(AuditKeys.readSigningKey(file, "test").getPublic())
                .isEqualTo(AuditKeys.readPublicKey(directory.resolve("signing.pem.pub"), "test"));
        assertThat(OfflineCommands.run(new String[] {"--new-signing-key=" + file}, quiet, quiet))
                .isEqualTo(2);
    }
}
