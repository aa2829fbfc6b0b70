package io.storagecatalog.local;

import io.storagecatalog.common.audit.AuditKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;

/**
 * The local pipeline's audit signing key: made on the first start and kept in the data directory
 * ({@value #FILE}, owner-only, and its public key {@value #FILE}.pub for auditors), so that the signed
 * checkpoints of every run verify with one public key.
 */
final class LocalSigningKey {

    static final String FILE = "audit-signing-key.pem";

    private LocalSigningKey() {}

    static Path in(Path data) throws IOException {
        Path file = data.resolve(FILE);
        if (Files.exists(file)) {
            return file;
        }
        Files.createDirectories(data);
        KeyPair pair = AuditKeys.generate();
        Files.writeString(file, AuditKeys.signingKeyPem(pair), StandardCharsets.US_ASCII);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // A file system without POSIX permissions keeps its own.
        }
        Files.writeString(
                data.resolve(FILE + ".pub"), AuditKeys.publicKeyPem(pair.getPublic()), StandardCharsets.US_ASCII);
        return file;
    }
}
