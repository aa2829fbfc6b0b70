package io.storagecatalog.local;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * The local pipeline's stand-in for an identity provider: an RSA key pair drawn on the first start and
 * kept in the data directory (the private key readable by its owner only), the public key given to the
 * catalog API, and tokens signed with the private key for any user. Only for the local pipeline: a
 * deployment points the API at its real issuer's JWK set.
 */
final class LocalTokenIssuer {

    static final String ISSUER = "storage-catalog-local";
    static final String AUDIENCE = "storage-catalog";
    static final String OPERATOR_SCOPE = "catalog.operator";
    static final String PRIVATE_KEY = "api-token-private.pem";
    static final String PUBLIC_KEY = "api-token-public.pem";

    private final PrivateKey signingKey;
    private final Path publicKey;

    private LocalTokenIssuer(PrivateKey signingKey, Path publicKey) {
        this.signingKey = signingKey;
        this.publicKey = publicKey;
    }

    static LocalTokenIssuer in(Path data) throws IOException, GeneralSecurityException {
        Path privateFile = data.resolve(PRIVATE_KEY);
        Path publicFile = data.resolve(PUBLIC_KEY);
        if (!Files.exists(privateFile) || !Files.exists(publicFile)) {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Files.createDirectories(data);
            write(privateFile, "PRIVATE KEY", pair.getPrivate().getEncoded());
            Files.setPosixFilePermissions(privateFile, PosixFilePermissions.fromString("rw-------"));
            write(publicFile, "PUBLIC KEY", pair.getPublic().getEncoded());
        }
        String pem = Files.readString(privateFile, StandardCharsets.US_ASCII);
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        return new LocalTokenIssuer(key, publicFile);
    }

    /** The public key's file, for the API's {@code storage-catalog.api.jwt.public-key-location}. */
    Path publicKey() {
        return publicKey;
    }

    /** A token for this user, valid for {@code life}, with the operator scope when asked. */
    String token(UUID user, boolean operator, Duration life) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(List.of(AUDIENCE))
                .subject(user.toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(life)))
                .jwtID(UUID.randomUUID().toString())
                .claim("scope", operator ? OPERATOR_SCOPE : "")
                .build();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .type(JOSEObjectType.JWT)
                        .build(),
                claims);
        try {
            jwt.sign(new RSASSASigner(signingKey));
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign a local token", e);
        }
        return jwt.serialize();
    }

    private static void write(Path file, String type, byte[] der) throws IOException {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der);
        Files.writeString(
                file,
                "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n",
                StandardCharsets.US_ASCII);
    }
}
