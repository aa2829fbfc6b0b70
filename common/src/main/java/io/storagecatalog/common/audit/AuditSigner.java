package io.storagecatalog.common.audit;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;

/**
 * The audit signing key of a process that seals checkpoints or archives: read once from the file that
 * {@value #SETTING} names. Nothing of it is ever logged.
 */
public final class AuditSigner {

    public static final String SETTING = "storage-catalog.audit.signing-key";

    private final KeyPair pair;
    private final String keyId;

    public AuditSigner(KeyPair pair) {
        this.pair = pair;
        this.keyId = AuditKeys.keyId(pair.getPublic());
    }

    public static AuditSigner fromFile(Path file) {
        return new AuditSigner(AuditKeys.readSigningKey(file, SETTING));
    }

    public byte[] sign(byte[] message) {
        return AuditKeys.sign(pair.getPrivate(), message);
    }

    public SignedCheckpoint sign(SignedCheckpoint.Statement statement) {
        return SignedCheckpoint.sign(statement, pair.getPrivate());
    }

    public String keyId() {
        return keyId;
    }

    public PublicKey publicKey() {
        return pair.getPublic();
    }
}
