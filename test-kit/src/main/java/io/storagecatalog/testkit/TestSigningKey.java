package io.storagecatalog.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;

/**
 * The audit signing key of every process a test JVM starts: an Ed25519 pair drawn once, written as a
 * signing key file (PKCS#8 private key, then the X.509 public key, PEM), with the public key beside it
 * ({@code .pub}).
 */
public final class TestSigningKey {

    /** The setting that names the key file. */
    public static final String SETTING = "storage-catalog.audit.signing-key";

    private static final Path FILE = write();

    private TestSigningKey() {}

    public static Path file() {
        return FILE;
    }

    public static Path publicKeyFile() {
        return FILE.resolveSibling(FILE.getFileName() + ".pub");
    }

    private static Path write() {
        try {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            Path directory = Files.createTempDirectory("storage-catalog-test-key");
            Path file = directory.resolve("audit-signing-key.pem");
            String publicPem = pem("PUBLIC KEY", pair.getPublic().getEncoded());
            Files.writeString(
                    file, pem("PRIVATE KEY", pair.getPrivate().getEncoded()) + publicPem, StandardCharsets.US_ASCII);
            Files.writeString(directory.resolve("audit-signing-key.pem.pub"), publicPem, StandardCharsets.US_ASCII);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] encoded) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(encoded) + "\n-----END " + type
                + "-----\n";
    }
}
