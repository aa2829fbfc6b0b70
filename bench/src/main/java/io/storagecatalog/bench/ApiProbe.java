package io.storagecatalog.bench;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.storagecatalog.api.CatalogApiApplication;
import io.storagecatalog.common.catalog.FileFilter;
import io.storagecatalog.common.service.FileAction;
import io.storagecatalog.common.service.StorageDatabaseService;
import io.storagecatalog.testkit.TestPostgres;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The catalog API over HTTP against the same calls in-process, side by side over one large catalog:
 * {@code listFiles} (an owner's newest page) and {@code checkAccess} (an owner reading a file), each
 * through a real HTTP client with a signed token the API validates, and straight on the API's own
 * {@link StorageDatabaseService} bean. The HTTP call also records its caller on the trail
 * (checkAccess) where the in-process call does not: the ratio includes what the API must do.
 */
final class ApiProbe {

    static final double TARGET_P99_MS = 15;
    // A running service has compiled its whole request path; 100 calls leave most of it interpreted
    // (p50 over HTTP 6 ms instead of 3 ms at 100,000 rows), so both ways are warmed this long.
    private static final int WARM_UP_CALLS = 2000;

    /** What the probe measured: per call, HTTP and in-process. */
    record Result(int rows, int calls, Map<String, Latency> http, Map<String, Latency> inProcess) {}

    private final TestPostgres postgres;
    private final int rows;
    private final int calls;
    private final Random random = new Random(7);

    ApiProbe(TestPostgres postgres, int rows, int calls) {
        this.postgres = postgres;
        this.rows = rows;
        this.calls = calls;
    }

    Result run() throws Exception {
        ProbeDatabase db = ProbeDatabase.create(postgres);
        Path keyFile = Files.createTempFile("api-probe-key", ".pem");
        try {
            System.out.printf("api probe: loading %,d catalog rows%n", rows);
            CatalogFixture.load(db, rows, 1, "catalog-", true);
            List<UUID> owners = db.jdbc()
                    .queryForList(
                            "SELECT created_by FROM storage_files GROUP BY created_by ORDER BY count(*) DESC LIMIT 50",
                            UUID.class);
            Map<UUID, String> fileOf = new LinkedHashMap<>();
            for (UUID owner : owners) {
                fileOf.put(
                        owner,
                        db.jdbc()
                                .queryForObject(
                                        "SELECT file_id FROM storage_files WHERE created_by = ? LIMIT 1",
                                        String.class,
                                        owner));
            }
            KeyPair keys = KeyPairGenerator.getInstance("RSA").generateKeyPair();
            Files.writeString(
                    keyFile,
                    "-----BEGIN PUBLIC KEY-----\n"
                            + Base64.getMimeEncoder()
                                    .encodeToString(keys.getPublic().getEncoded())
                            + "\n-----END PUBLIC KEY-----\n");
            int port = freePort();
            try (ConfigurableApplicationContext api = start(db, keyFile, port)) {
                StorageDatabaseService service = api.getBean(StorageDatabaseService.class);
                // HTTP/1.1 as the services speak it; the client keeps its connections between calls.
                HttpClient http = HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .build();
                Map<UUID, String> tokens = new LinkedHashMap<>();
                for (UUID owner : owners) {
                    tokens.put(owner, token(keys, owner));
                }
                String base = "http://127.0.0.1:" + port;
                Map<String, Latency> overHttp = new LinkedHashMap<>();
                Map<String, Latency> inProcess = new LinkedHashMap<>();
                UUID[] ownerArray = owners.toArray(UUID[]::new);
                measure(
                        "listFiles",
                        overHttp,
                        inProcess,
                        ownerArray,
                        owner -> () -> send(
                                http,
                                HttpRequest.newBuilder(URI.create(base + "/api/v1/files?limit=50"))
                                        .header("Authorization", "Bearer " + tokens.get(owner))
                                        .GET()),
                        owner -> () -> service.listFiles(FileFilter.ofOwner(owner)));
                measure(
                        "checkAccess",
                        overHttp,
                        inProcess,
                        ownerArray,
                        owner -> () -> send(
                                http,
                                HttpRequest.newBuilder(URI.create(base + "/api/v1/access"))
                                        .header("Authorization", "Bearer " + tokens.get(owner))
                                        .header("Content-Type", "application/json")
                                        .POST(HttpRequest.BodyPublishers.ofString(
                                                "{\"fileId\": \"" + fileOf.get(owner) + "\", \"action\": \"READ\"}"))),
                        owner -> () -> service.checkAccess(fileOf.get(owner), owner, FileAction.READ, null));
                // The API's own view of the same calls (warm-up included): what of the time is the server's.
                api.getBean(io.micrometer.core.instrument.MeterRegistry.class)
                        .find("http.server.requests")
                        .timers()
                        .forEach(timer -> System.out.printf(
                                Locale.ROOT,
                                "  server side %s (HTTP %s): %d calls, mean %.2f ms%n",
                                timer.getId().getTag("uri"),
                                timer.getId().getTag("status"),
                                timer.count(),
                                timer.mean(java.util.concurrent.TimeUnit.MILLISECONDS)));
                return new Result(rows, calls, overHttp, inProcess);
            }
        } finally {
            Files.deleteIfExists(keyFile);
            db.close();
        }
    }

    private interface CallOf {
        Runnable of(UUID owner);
    }

    // The two ways alternate call by call, so that both meet the same server state and machine noise.
    private void measure(
            String name,
            Map<String, Latency> overHttp,
            Map<String, Latency> inProcess,
            UUID[] owners,
            CallOf httpCall,
            CallOf directCall) {
        for (int i = 0; i < WARM_UP_CALLS; i++) {
            UUID owner = owners[random.nextInt(owners.length)];
            httpCall.of(owner).run();
            directCall.of(owner).run();
        }
        List<Long> httpNanos = new ArrayList<>();
        List<Long> directNanos = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            UUID owner = owners[random.nextInt(owners.length)];
            long start = System.nanoTime();
            httpCall.of(owner).run();
            long middle = System.nanoTime();
            directCall.of(owner).run();
            long end = System.nanoTime();
            httpNanos.add(middle - start);
            directNanos.add(end - middle);
        }
        overHttp.put(name, Latency.of(httpNanos));
        inProcess.put(name, Latency.of(directNanos));
        System.out.printf("  %-12s over HTTP %s; in-process %s%n", name, overHttp.get(name), inProcess.get(name));
    }

    private static Object send(HttpClient http, HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("api probe: HTTP " + response.statusCode() + " " + response.body());
            }
            return response;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static ConfigurableApplicationContext start(ProbeDatabase db, Path key, int port) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.application.name", "catalog-api");
        properties.put("server.port", Integer.toString(port));
        properties.put("server.address", "127.0.0.1");
        properties.put("spring.main.banner-mode", "off");
        properties.put("spring.threads.virtual.enabled", "true");
        properties.put("spring.datasource.url", db.url());
        properties.put("spring.datasource.username", db.server().username());
        properties.put("spring.datasource.password", db.server().password());
        properties.put("spring.flyway.enabled", "false");
        // No broker: the probe's calls publish nothing, and the outbox relay stays off.
        properties.put("spring.kafka.bootstrap-servers", "127.0.0.1:9");
        properties.put("spring.kafka.admin.auto-create", "false");
        properties.put("storage-catalog.outbox.relay", "false");
        properties.put("storage-catalog.monitoring.credentials-required", "true");
        properties.put("storage-catalog.monitoring.password", UUID.randomUUID().toString());
        properties.put("storage-catalog.api.jwt.issuer", "bench");
        properties.put(
                "storage-catalog.api.jwt.public-key-location", key.toUri().toString());
        properties.put("springdoc.api-docs.enabled", "false");
        properties.put("logging.level.root", "WARN");
        String[] args = properties.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(CatalogApiApplication.class).run(args);
    }

    private static String token(KeyPair keys, UUID user) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer("bench")
                .audience("storage-catalog")
                .subject(user.toString())
                .expirationTime(Date.from(Instant.now().plusSeconds(3600)))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
        jwt.sign(new RSASSASigner(keys.getPrivate()));
        return jwt.serialize();
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
