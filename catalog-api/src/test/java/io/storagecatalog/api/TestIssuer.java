package io.storagecatalog.api;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * A token issuer for tests: its own RSA key, its JWK set served on loopback as an identity provider
 * serves it, and signed tokens with any subject, scope, audience, issuer or lifetime.
 */
final class TestIssuer implements AutoCloseable {

    static final String ISSUER = "https://issuer.storage-catalog.test";
    static final String AUDIENCE = "storage-catalog";

    private final RSAKey key;
    private final HttpServer server;

    private TestIssuer(RSAKey key, HttpServer server) {
        this.key = key;
        this.server = server;
    }

    static TestIssuer start() {
        try {
            RSAKey key = new RSAKeyGenerator(2048)
                    .keyID(UUID.randomUUID().toString())
                    .generate();
            byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/jwks", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, jwks.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(jwks);
                }
            });
            server.start();
            return new TestIssuer(key, server);
        } catch (IOException | com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    String jwkSetUri() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks";
    }

    /** A token for this user, valid for five minutes, with these scopes. */
    String token(UUID user, String... scopes) {
        return token(key, ISSUER, AUDIENCE, user.toString(), Duration.ofMinutes(5), scopes);
    }

    String token(RSAKey signer, String issuer, String audience, String subject, Duration life, String... scopes) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(List.of(audience))
                .subject(subject)
                .issueTime(Date.from(now.minusSeconds(5)))
                .expirationTime(Date.from(now.plus(life)))
                .claim("scope", String.join(" ", scopes))
                .build();
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(signer.getKeyID())
                            .type(JOSEObjectType.JWT)
                            .build(),
                    claims);
            jwt.sign(new RSASSASigner(signer));
            return jwt.serialize();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    RSAKey key() {
        return key;
    }

    static RSAKey otherKey() {
        try {
            return new RSAKeyGenerator(2048).keyID("stranger").generate();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
