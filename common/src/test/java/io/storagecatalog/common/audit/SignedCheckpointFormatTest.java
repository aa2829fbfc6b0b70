package io.storagecatalog.common.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class SignedCheckpointFormatTest {

    private final KeyPair keys = AuditKeys.generate();
    private final AuditSigner signer = new AuditSigner(keys);

    private SignedCheckpoint checkpoint(long index) {
        MerkleFrontier log = new MerkleFrontier();
        for (int i = 1; i < index; i++) {
            log.append(MerkleTree.leafHash(new byte[] {(byte) i}));
        }
        return signer.sign(new SignedCheckpoint.Statement(
                index,
                Instant.parse("2026-12-05T06:00:00.123456Z"),
                Duration.ofMinutes(5),
                signer.keyId(),
                new byte[32],
                log,
                List.of(new SignedCheckpoint.ChainSeal("trail", 10, 2_000, new byte[32], MerkleTree.EMPTY_ROOT)),
                null));
    }

    @Test
    void theTextReadsBackToTheSameSignedStatement() {
        SignedCheckpoint signed = checkpoint(6);
        SignedCheckpoint read = SignedCheckpoint.parse(signed.body(), signed.signature());
        assertThat(read).isEqualTo(signed);
        assertThat(read.signedBy(keys.getPublic())).isTrue();
        assertThat(read.statement().log().root())
                .isEqualTo(signed.statement().log().root());
        assertThat(read.digest()).isEqualTo(signed.digest());
    }

    @Test
    void aChangedStatementOrAnotherKeyDoesNotVerify() {
        SignedCheckpoint signed = checkpoint(3);
        SignedCheckpoint changed = SignedCheckpoint.parse(signed.body().replace("2000", "2001"), signed.signature());
        assertThat(changed.signedBy(keys.getPublic())).isFalse();
        assertThat(signed.signedBy(AuditKeys.generate().getPublic())).isFalse();
    }

    @Test
    void aMalformedTextIsRefusedWithTheLineNamed() {
        SignedCheckpoint signed = checkpoint(2);
        assertThatThrownBy(() -> SignedCheckpoint.parse(signed.body().replace("index 2", "number 2"), new byte[0]))
                .hasMessageContaining("index");
        assertThatThrownBy(() -> SignedCheckpoint.parse(signed.body().replace("\nlog 1", "\nlog 3"), new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SignedCheckpoint.parse("hello", new byte[0])).hasMessageContaining("not a");
    }

    @Test
    void everyChainHasALineOfItsOwnInOrder() {
        SignedCheckpoint signed = signer.sign(new SignedCheckpoint.Statement(
                1,
                Instant.parse("2026-12-05T06:00:00Z"),
                Duration.ofMinutes(5),
                signer.keyId(),
                new byte[32],
                new MerkleFrontier(),
                List.of(
                        SignedCheckpoint.ChainSeal.of(0, 0, 7, new byte[32], MerkleTree.EMPTY_ROOT),
                        SignedCheckpoint.ChainSeal.of(3, 2, 9, new byte[32], MerkleTree.EMPTY_ROOT),
                        SignedCheckpoint.ChainSeal.of(15, 0, 0, new byte[32], MerkleTree.EMPTY_ROOT)),
                null));
        assertThat(signed.body()).contains("\nchain trail 0 7 ", "\nchain trail-3 2 9 ", "\nchain trail-15 0 0 ");

        SignedCheckpoint read = SignedCheckpoint.parse(signed.body(), signed.signature());
        assertThat(read.statement().chain(3).orElseThrow().rows()).isEqualTo(7);
        assertThat(read.statement().chain(4)).isEmpty();
        assertThat(read.statement().rows()).isEqualTo(14);
        assertThatThrownBy(() ->
                        SignedCheckpoint.parse(signed.body().replace("chain trail-3 ", "chain trail-03 "), new byte[0]))
                .hasMessageContaining("trail or trail-N");
        assertThatThrownBy(() ->
                        SignedCheckpoint.parse(signed.body().replace("chain trail-15 ", "chain trail-2 "), new byte[0]))
                .hasMessageContaining("once each, in order");
        assertThatThrownBy(() -> SignedCheckpoint.parse(
                        signed.body().replace("chain trail-3 2 9 ", "chain trail-3 9 2 "), new byte[0]))
                .hasMessageContaining("ends before it starts");
    }

    @Test
    void aSigningKeyFileReadsBackAndAMismatchedPairIsRefused(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path file = dir.resolve("key.pem");
        java.nio.file.Files.writeString(file, AuditKeys.signingKeyPem(keys));
        assertThat(AuditKeys.readSigningKey(file, "s").getPublic()).isEqualTo(keys.getPublic());
        KeyPair other = AuditKeys.generate();
        java.nio.file.Files.writeString(
                file,
                AuditKeys.signingKeyPem(keys).replace(AuditKeys.publicKeyPem(keys.getPublic()), "")
                        + AuditKeys.publicKeyPem(other.getPublic()));
        assertThatThrownBy(() -> AuditKeys.readSigningKey(file, "s")).hasMessageContaining("not the private key's");
    }
}
