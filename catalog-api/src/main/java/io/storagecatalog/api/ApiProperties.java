package io.storagecatalog.api;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;

/**
 * The API's settings ({@code storage-catalog.api}).
 *
 * @param jwt             how bearer tokens are checked
 * @param maxRequestBytes the largest request body accepted; larger ones get 413 before they are read
 */
@ConfigurationProperties("storage-catalog.api")
public record ApiProperties(Jwt jwt, Long maxRequestBytes) {

    public ApiProperties {
        jwt = jwt == null ? new Jwt(null, null, null, null, null) : jwt;
        maxRequestBytes = maxRequestBytes == null ? 64 * 1024L : maxRequestBytes;
    }

    /**
     * @param issuer            the {@code iss} every token must carry (required)
     * @param jwkSetUri         where the issuer publishes its keys (a JWK set); or
     * @param publicKeyLocation one RSA public key in a PEM file
     * @param audience          an {@code aud} every token must carry
     * @param operatorScope     the scope that reads everything and the trail
     */
    public record Jwt(String issuer, URI jwkSetUri, Resource publicKeyLocation, String audience, String operatorScope) {

        public Jwt {
            audience = audience == null || audience.isBlank() ? "storage-catalog" : audience;
            operatorScope = operatorScope == null || operatorScope.isBlank() ? "catalog.operator" : operatorScope;
        }
    }
}
