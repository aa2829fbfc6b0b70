package io.storagecatalog.api.security;

import io.storagecatalog.api.ApiProperties;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Two doors: the actuator (health status open; metrics and details to the monitoring login, as on every
 * worker) and the API (a bearer JWT from the configured issuer, for the configured audience, on every
 * call). The OpenAPI document is open: it describes, it holds no data. Everything else is refused.
 */
@Configuration(proxyBeanMethods = false)
class ApiSecurityConfiguration {

    @Bean
    @Order(1)
    SecurityFilterChain actuatorSecurity(HttpSecurity http) throws Exception {
        return http.securityMatcher("/actuator/**")
                .authorizeHttpRequests(requests -> requests.requestMatchers(
                                "/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")
                        .permitAll()
                        .anyRequest()
                        .hasRole("MONITOR"))
                .httpBasic(Customizer.withDefaults())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain apiSecurity(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(requests -> requests.requestMatchers("/v3/api-docs", "/v3/api-docs/**")
                        .permitAll()
                        .requestMatchers("/api/**")
                        .authenticated()
                        .anyRequest()
                        .denyAll())
                .oauth2ResourceServer(server -> server.jwt(Customizer.withDefaults()))
                // Tokens only: no session, no cookie, hence no CSRF to guard against.
                .csrf(csrf -> csrf.disable())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }

    @Bean
    JwtDecoder jwtDecoder(ApiProperties properties) throws Exception {
        ApiProperties.Jwt jwt = properties.jwt();
        if (jwt.issuer() == null || jwt.issuer().isBlank()) {
            throw new IllegalStateException(
                    "storage-catalog.api.jwt.issuer: required (environment STORAGE_CATALOG_API_JWT_ISSUER)");
        }
        NimbusJwtDecoder decoder;
        // An empty setting (a compose override's way to unset one) counts as no setting.
        if (jwt.jwkSetUri() != null && !jwt.jwkSetUri().toString().isBlank()) {
            decoder = NimbusJwtDecoder.withJwkSetUri(jwt.jwkSetUri().toString()).build();
        } else if (jwt.publicKeyLocation() != null) {
            decoder = NimbusJwtDecoder.withPublicKey(publicKey(jwt)).build();
        } else {
            throw new IllegalStateException("storage-catalog.api.jwt.jwk-set-uri or .public-key-location: one is "
                    + "required (environment STORAGE_CATALOG_API_JWT_JWK_SET_URI)");
        }
        OAuth2TokenValidator<Jwt> audience =
                new JwtClaimValidator<List<String>>("aud", aud -> aud != null && aud.contains(jwt.audience()));
        decoder.setJwtValidator(
                new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(jwt.issuer()), audience));
        return decoder;
    }

    private static RSAPublicKey publicKey(ApiProperties.Jwt jwt) throws Exception {
        String pem;
        try (InputStream in = jwt.publicKeyLocation().getInputStream()) {
            pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException("storage-catalog.api.jwt.public-key-location: cannot be read", e);
        }
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return (RSAPublicKey) KeyFactory.getInstance("RSA")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }
}
