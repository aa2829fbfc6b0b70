package io.storagecatalog.audit.verify;

import io.storagecatalog.common.audit.AuditKeys;
import io.storagecatalog.common.audit.ProofDocument;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The commands that need neither the catalog nor the object store:
 * {@code --new-signing-key=FILE} makes an Ed25519 signing key (FILE, owner-only) and its public key
 * (FILE.pub); {@code --verify-proof=FILE --public-key=FILE[,FILE...]} checks a proof with nothing but the
 * public keys and exits 0 when it holds, 3 when it does not, 2 on a usage error.
 */
public final class OfflineCommands {

    private OfflineCommands() {}

    public static boolean handles(String[] args) {
        return option(args, "new-signing-key").isPresent()
                || option(args, "verify-proof").isPresent();
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            Optional<String> keyFile = option(args, "new-signing-key");
            if (keyFile.isPresent()) {
                return newSigningKey(Path.of(keyFile.get()), out, err);
            }
            String proof =
                    Files.readString(Path.of(option(args, "verify-proof").orElseThrow()), StandardCharsets.UTF_8);
            Optional<String> keys = option(args, "public-key");
            if (keys.isEmpty()) {
                err.println("--verify-proof needs --public-key=FILE (the trail's public key, PEM)");
                return 2;
            }
            List<PublicKey> publicKeys = Arrays.stream(keys.get().split(","))
                    .map(file -> AuditKeys.readPublicKey(Path.of(file), "--public-key"))
                    .toList();
            ProofDocument.Check check = ProofDocument.verify(proof, publicKeys);
            out.println((check.valid() ? "proof holds: " : "proof FAILS: ") + check.detail());
            return check.valid() ? 0 : 3;
        } catch (IOException | RuntimeException e) {
            err.println(e.getMessage());
            return 2;
        }
    }

    private static int newSigningKey(Path file, PrintStream out, PrintStream err) throws IOException {
        if (Files.exists(file)) {
            err.println("--new-signing-key: " + file + " exists; a signing key is never overwritten");
            return 2;
        }
        KeyPair pair = AuditKeys.generate();
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, AuditKeys.signingKeyPem(pair), StandardCharsets.US_ASCII);
        Path publicFile = file.resolveSibling(file.getFileName() + ".pub");
        Files.writeString(publicFile, AuditKeys.publicKeyPem(pair.getPublic()), StandardCharsets.US_ASCII);
        out.println("signing key " + AuditKeys.keyId(pair.getPublic()) + " written to " + file + "; public key: "
                + publicFile);
        return 0;
    }

    static Optional<String> option(String[] args, String name) {
        return Arrays.stream(args)
                .filter(arg -> arg.startsWith("--" + name + "="))
                .map(arg -> arg.substring(name.length() + 3))
                .findFirst();
    }
}
