package io.storagecatalog.common.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Ed25519 keys of the trail's evidence: PEM text in and out (PKCS#8 {@code PRIVATE KEY}, X.509
 * {@code PUBLIC KEY}), the key id a checkpoint names its key by, and the signature check. A signing key
 * file holds both blocks, because the Java runtime cannot derive an Ed25519 public key from the private one.
 */
public final class AuditKeys {

    static final String ALGORITHM = "Ed25519";
    private static final Pattern BLOCK =
            Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

    private AuditKeys() {}

    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is part of every Java 17 runtime", e);
        }
    }

    /** The text of a signing key file: the private key, then the public key. */
    public static String signingKeyPem(KeyPair pair) {
        return pem("PRIVATE KEY", pair.getPrivate().getEncoded()) + publicKeyPem(pair.getPublic());
    }

    public static String publicKeyPem(PublicKey key) {
        return pem("PUBLIC KEY", key.getEncoded());
    }

    /** The first 8 bytes of SHA-256 over the public key's X.509 encoding, in hex. */
    public static String keyId(PublicKey key) {
        return HexFormat.of().formatHex(Arrays.copyOf(MerkleTree.sha256().digest(key.getEncoded()), 8));
    }

    /** Reads a signing key file; the message names the setting and the problem, never the key. */
    public static KeyPair readSigningKey(Path file, String setting) {
        String text = read(file, setting);
        byte[] privateKey = block(text, "PRIVATE KEY")
                .orElseThrow(() -> new IllegalStateException(
                        setting + ": " + file + " holds no PEM PRIVATE KEY block (Ed25519, PKCS#8)"));
        byte[] publicKey = block(text, "PUBLIC KEY")
                .orElseThrow(() -> new IllegalStateException(setting + ": " + file
                        + " holds no PEM PUBLIC KEY block; append the output of `openssl pkey -pubout` to it"));
        try {
            KeyFactory factory = KeyFactory.getInstance(ALGORITHM);
            KeyPair pair = new KeyPair(
                    factory.generatePublic(new X509EncodedKeySpec(publicKey)),
                    factory.generatePrivate(new PKCS8EncodedKeySpec(privateKey)));
            byte[] probe = "storage-catalog key check".getBytes(StandardCharsets.UTF_8);
            if (!verify(pair.getPublic(), probe, sign(pair.getPrivate(), probe))) {
                throw new IllegalStateException(setting + ": the public key in " + file + " is not the private key's");
            }
            return pair;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(setting + ": " + file + " holds no Ed25519 key pair", e);
        }
    }

    /** Reads a public key file (PEM {@code PUBLIC KEY}, as published with the trail). */
    public static PublicKey readPublicKey(Path file, String setting) {
        return parsePublicKey(read(file, setting), setting + ": " + file);
    }

    public static PublicKey parsePublicKey(String pem, String source) {
        byte[] encoded = block(pem, "PUBLIC KEY")
                .orElseThrow(() -> new IllegalArgumentException(source + " holds no PEM PUBLIC KEY block"));
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(encoded));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(source + " holds no Ed25519 public key", e);
        }
    }

    public static byte[] sign(PrivateKey key, byte[] message) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(key);
            signature.update(message);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not sign with the audit signing key", e);
        }
    }

    public static boolean verify(PublicKey key, byte[] message, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(key);
            verifier.update(message);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static String read(Path file, String setting) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(setting + ": cannot read " + file, e);
        }
    }

    private static Optional<byte[]> block(String text, String type) {
        Matcher matcher = BLOCK.matcher(text);
        while (matcher.find()) {
            if (matcher.group(1).equals(type)) {
                return Optional.of(Base64.getMimeDecoder().decode(matcher.group(2)));
            }
        }
        return Optional.empty();
    }

    private static String pem(String type, byte[] encoded) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(encoded)
                + "\n-----END " + type + "-----\n";
    }
}
