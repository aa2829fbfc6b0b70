package io.storagecatalog.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.storagecatalog.testkit.TopicReader;
import io.storagecatalog.testkit.WithTestInfrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API as a client meets it: a real HTTP client, real signed tokens checked against a JWK set served
 * on loopback, the API running as its own database role. Every forbidden path is tried, each refusal
 * named and on the trail; a share is usable, and a revocation effective, when the call returns.
 */
@SpringBootTest(
        classes = CatalogApiApplication.class,
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = "storage-catalog.test.runtime-role=storage_catalog_api")
@WithTestInfrastructure
class CatalogApiTest {

    private static final TestIssuer ISSUER = TestIssuer.start();
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final UUID alice = UUID.randomUUID();
    private final UUID bob = UUID.randomUUID();
    private final UUID operator = UUID.randomUUID();

    @LocalServerPort
    int port;

    @Value("${spring.flyway.url}")
    String ownerUrl;

    @Value("${spring.flyway.user}")
    String ownerUser;

    @Value("${spring.flyway.password}")
    String ownerPassword;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrap;

    @Value("${storage-catalog.topics.file-events}")
    String fileEvents;

    @DynamicPropertySource
    static void issuer(DynamicPropertyRegistry registry) {
        registry.add("storage-catalog.api.jwt.issuer", () -> TestIssuer.ISSUER);
        registry.add("storage-catalog.api.jwt.jwk-set-uri", ISSUER::jwkSetUri);
    }

    @AfterAll
    static void stop() {
        ISSUER.close();
    }

    @Test
    void aCallWithoutAValidTokenIsRefused() throws Exception {
        assertThat(get("/api/v1/files", null).statusCode()).isEqualTo(401);
        assertThat(get("/api/v1/files", "not-a-jwt").statusCode()).isEqualTo(401);
        var stranger = TestIssuer.otherKey();
        assertThat(get(
                                "/api/v1/files",
                                ISSUER.token(
                                        stranger,
                                        TestIssuer.ISSUER,
                                        TestIssuer.AUDIENCE,
                                        alice.toString(),
                                        Duration.ofMinutes(5)))
                        .statusCode())
                .as("signed by a key the issuer does not publish")
                .isEqualTo(401);
        assertThat(get(
                                "/api/v1/files",
                                ISSUER.token(
                                        ISSUER.key(),
                                        "https://elsewhere",
                                        TestIssuer.AUDIENCE,
                                        alice.toString(),
                                        Duration.ofMinutes(5)))
                        .statusCode())
                .as("another issuer")
                .isEqualTo(401);
        assertThat(get(
                                "/api/v1/files",
                                ISSUER.token(
                                        ISSUER.key(),
                                        TestIssuer.ISSUER,
                                        "another-service",
                                        alice.toString(),
                                        Duration.ofMinutes(5)))
                        .statusCode())
                .as("another audience")
                .isEqualTo(401);
        assertThat(get(
                                "/api/v1/files",
                                ISSUER.token(
                                        ISSUER.key(),
                                        TestIssuer.ISSUER,
                                        TestIssuer.AUDIENCE,
                                        alice.toString(),
                                        Duration.ofMinutes(-10)))
                        .statusCode())
                .as("expired")
                .isEqualTo(401);
        HttpResponse<String> notAUser = get(
                "/api/v1/files",
                ISSUER.token(
                        ISSUER.key(),
                        TestIssuer.ISSUER,
                        TestIssuer.AUDIENCE,
                        "service-account",
                        Duration.ofMinutes(5)));
        assertThat(notAUser.statusCode()).isEqualTo(403);
        assertThat(json(notAUser).get("field").asString()).isEqualTo("sub");
        // Only the API and its document are served: anything else is refused, with or without a token.
        assertThat(get("/internal", ISSUER.token(alice)).statusCode()).isIn(401, 403);
    }

    @Test
    void aUserSeesTheirOwnFilesOnlyAndEveryRefusalIsOnTheTrail() throws Exception {
        String mine = file(alice, "x-ray.png", 1_000);
        String theirs = file(bob, "scan.pdf", 2_000);

        JsonNode page = json(get("/api/v1/files?limit=10", ISSUER.token(alice)));
        assertThat(page.get("items").valueStream().map(f -> f.get("fileId").asString()))
                .containsExactly(mine);
        assertThat(get("/api/v1/files/metadata?fileId=" + mine, ISSUER.token(alice))
                        .statusCode())
                .isEqualTo(200);

        HttpResponse<String> othersList = get("/api/v1/files?ownerId=" + bob, ISSUER.token(alice));
        assertThat(othersList.statusCode()).isEqualTo(403);
        assertThat(json(othersList).get("field").asString()).isEqualTo("ownerId");
        HttpResponse<String> othersFile = get("/api/v1/files/metadata?fileId=" + theirs, ISSUER.token(alice));
        assertThat(othersFile.statusCode())
                .as("another's file is not shown to exist")
                .isEqualTo(404);
        assertThat(get("/api/v1/files/versions?fileId=" + theirs, ISSUER.token(alice))
                        .statusCode())
                .isEqualTo(404);
        assertThat(get("/api/v1/statistics?ownerId=" + bob, ISSUER.token(alice)).statusCode())
                .isEqualTo(403);
        assertThat(get(
                                "/api/v1/statistics/daily?scope=ORGANIZATION&scopeId=org-1&from=2026-01-01&to=2026-02-01",
                                ISSUER.token(alice))
                        .statusCode())
                .isEqualTo(403);
        assertThat(get("/api/v1/audit?fileId=" + mine, ISSUER.token(alice)).statusCode())
                .isEqualTo(403);
        assertThat(get("/api/v1/health", ISSUER.token(alice)).statusCode()).isEqualTo(403);
        assertThat(post("/api/v1/quota/check", ISSUER.token(alice), "{\"fileSize\": 10, \"userId\": \"" + bob + "\"}")
                        .statusCode())
                .isEqualTo(403);
        assertThat(post("/api/v1/files/corrupted", ISSUER.token(alice), "{\"fileIds\": [\"" + mine + "\"]}")
                        .statusCode())
                .isEqualTo(403);
        assertThat(post(
                                "/api/v1/access",
                                ISSUER.token(alice),
                                "{\"fileId\": \"" + theirs + "\", \"action\": \"READ\", \"userId\": \"" + bob + "\"}")
                        .statusCode())
                .isEqualTo(403);

        // Ten refusals, each a failed row of alice's with the rule that refused it.
        assertThat(owner().queryForObject(
                                "SELECT count(*) FROM storage_operations WHERE user_id = ? AND status = 'failed' "
                                        + "AND error_code = 'forbidden' AND event_source = '/storage-catalog/api'",
                                Long.class,
                                alice))
                .isEqualTo(10);

        // An operator sees anyone's, and the trail.
        String operatorToken = ISSUER.token(operator, "catalog.operator");
        assertThat(get("/api/v1/files?ownerId=" + bob, operatorToken).statusCode())
                .isEqualTo(200);
        JsonNode trail = json(get("/api/v1/audit?userId=" + alice + "&limit=5", operatorToken));
        assertThat(trail.get("items")).hasSize(5);
        assertThat(trail.get("nextCursor").asString()).isNotBlank();
        JsonNode next = json(get(
                "/api/v1/audit?userId=" + alice + "&limit=5&cursor="
                        + trail.get("nextCursor").asString(),
                operatorToken));
        assertThat(next.get("items")).hasSize(5);
        assertThat(json(get("/api/v1/health", operatorToken)).get("totalFiles").asLong())
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    void anOperatorGetsProofsThatVerifyWithThePublicKeyAlone() throws Exception {
        file(alice, "proof.pdf", 10);
        String operatorToken = ISSUER.token(operator, "catalog.operator");
        assertThat(get("/api/v1/audit/proofs/rows/1", ISSUER.token(alice)).statusCode())
                .isEqualTo(403);
        long last = owner().queryForObject("SELECT max(seq) FROM storage_operations", Long.class);
        HttpResponse<String> unsealed = get("/api/v1/audit/proofs/rows/" + last, operatorToken);
        if (unsealed.statusCode() == 404) {
            assertThat(json(unsealed).get("field").asString()).isEqualTo("seq");
        }

        // The audit worker seals; here the test does, with the owner's rights.
        JdbcTemplate owner = owner();
        DriverManagerDataSource source = new DriverManagerDataSource(ownerUrl, ownerUser, ownerPassword);
        var s3 = io.storagecatalog.testkit.TestInfrastructure.s3();
        var signer =
                io.storagecatalog.common.audit.AuditSigner.fromFile(io.storagecatalog.testkit.TestSigningKey.file());
        io.storagecatalog.common.audit.SignedCheckpoint sealed = null;
        for (int i = 0; i < 2; i++) {
            sealed = new io.storagecatalog.common.audit.CheckpointSealer(
                            new io.storagecatalog.common.audit.SignedCheckpointRepository(owner),
                            new io.storagecatalog.common.audit.AuditChainRepository(owner),
                            new io.storagecatalog.common.audit.OperationRepository(owner),
                            new io.storagecatalog.common.audit.CheckpointStore(
                                    new io.storagecatalog.common.s3.ObjectStore(
                                            new io.storagecatalog.common.s3.ObjectStoreProperties(
                                                    s3.endpoint(), s3.accessKey(), s3.secretKey(), "us-east-1")),
                                    "api-" + java.util.UUID.randomUUID(),
                                    null),
                            signer,
                            new org.springframework.transaction.support.TransactionTemplate(
                                    new org.springframework.jdbc.datasource.DataSourceTransactionManager(source)),
                            java.time.Duration.ofHours(1),
                            java.time.Clock.systemUTC())
                    .seal();
        }

        HttpResponse<String> inclusion = get("/api/v1/audit/proofs/rows/" + last, operatorToken);
        assertThat(inclusion.statusCode()).as(inclusion.body()).isEqualTo(200);
        var key = java.util.List.of(signer.publicKey());
        assertThat(io.storagecatalog.common.audit.ProofDocument.verify(inclusion.body(), key)
                        .valid())
                .isTrue();
        HttpResponse<String> consistency = get(
                "/api/v1/audit/proofs/checkpoints?older=" + (sealed.index() - 1) + "&newer=" + sealed.index(),
                operatorToken);
        assertThat(io.storagecatalog.common.audit.ProofDocument.verify(consistency.body(), key)
                        .valid())
                .as(consistency.body())
                .isTrue();
        assertThat(json(get("/api/v1/audit/checkpoints/latest", operatorToken))
                        .get("checkpoint")
                        .asString())
                .isEqualTo(sealed.body());
        assertThat(get("/api/v1/audit/proofs/checkpoints?older=3&newer=2", operatorToken)
                        .statusCode())
                .isEqualTo(400);
        // The row's chain is part of its place: the same position in another chain is another row.
        HttpResponse<String> otherChain = get("/api/v1/audit/proofs/rows/" + last + "?chain=7", operatorToken);
        assertThat(otherChain.statusCode()).isEqualTo(404);
        assertThat(json(otherChain).get("detail").asString()).contains("of chain 7");
        assertThat(get("/api/v1/audit/proofs/rows/" + last + "?chain=256", operatorToken)
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void aShareIsUsableAndARevocationEffectiveWhenTheCallReturns() throws Exception {
        String scan = file(alice, "mri.dcm", 5_000);
        String bobToken = ISSUER.token(bob);

        assertThat(accessAllowed(scan, "READ", bobToken, null)).isFalse();
        HttpResponse<String> created = post(
                "/api/v1/shares",
                ISSUER.token(alice),
                "{\"fileId\": \"" + scan + "\", \"sharedWith\": \"" + bob + "\", \"canRead\": true}");
        assertThat(created.statusCode()).isEqualTo(201);
        String shareId = json(created).get("shareId").asString();

        // No wait: the recipient uses it at once.
        assertThat(accessAllowed(scan, "READ", bobToken, null)).isTrue();
        assertThat(get("/api/v1/files/metadata?fileId=" + scan, bobToken).statusCode())
                .isEqualTo(200);
        assertThat(json(get("/api/v1/shares/with-me", bobToken))
                        .valueStream()
                        .map(s -> s.get("fileId").asString()))
                .containsExactly(scan);
        assertThat(json(get("/api/v1/shares/mine", ISSUER.token(alice)))
                        .valueStream()
                        .map(s -> s.get("shareId").asString()))
                .containsExactly(shareId);

        // Only the sharer or the owner revokes.
        HttpResponse<String> bobRevokes = delete("/api/v1/shares/" + shareId, bobToken);
        assertThat(bobRevokes.statusCode()).isEqualTo(403);
        assertThat(delete("/api/v1/shares/" + shareId, ISSUER.token(alice)).statusCode())
                .isEqualTo(204);
        assertThat(accessAllowed(scan, "READ", bobToken, null))
                .as("revoked before the call returned")
                .isFalse();
        assertThat(get("/api/v1/files/metadata?fileId=" + scan, bobToken).statusCode())
                .isEqualTo(404);

        // The share and its revocation are announced for the trail and every other consumer.
        List<String> events = TopicReader.containing(bootstrap, fileEvents, 2, Duration.ofSeconds(30), shareId);
        assertThat(events).anyMatch(v -> v.contains("storage.file.share"));
        assertThat(events).anyMatch(v -> v.contains("storage.file.revoke-share"));

        // Each decision is on the trail with its caller.
        assertThat(owner().queryForList(
                                "SELECT status FROM storage_operations WHERE user_id = ? AND operation = 'access' "
                                        + "AND file_id = ? ORDER BY seq",
                                String.class,
                                bob,
                                scan))
                .containsExactly("failed", "success", "failed");
    }

    @Test
    void aPasswordAndADownloadLimitAreHeld() throws Exception {
        String report = file(alice, "report.pdf", 3_000);
        String bobToken = ISSUER.token(bob);
        assertThat(post(
                                "/api/v1/shares",
                                ISSUER.token(alice),
                                "{\"fileId\": \"" + report + "\", \"sharedWith\": \"" + bob
                                        + "\", \"canRead\": true, \"password\": \"correct horse\", \"maxDownloads\": 2}")
                        .statusCode())
                .isEqualTo(201);

        assertThat(accessAllowed(report, "DOWNLOAD", bobToken, "wrong guess")).isFalse();
        assertThat(accessAllowed(report, "DOWNLOAD", bobToken, "correct horse")).isTrue();
        assertThat(accessAllowed(report, "DOWNLOAD", bobToken, "correct horse")).isTrue();
        assertThat(accessAllowed(report, "DOWNLOAD", bobToken, "correct horse"))
                .as("two downloads allowed")
                .isFalse();
    }

    @Test
    void badRequestsAreProblemDetailsNamingTheField() throws Exception {
        String token = ISSUER.token(alice);
        assertProblem(get("/api/v1/files?limit=0", token), 400, "limit");
        assertProblem(get("/api/v1/files?limit=201", token), 400, "limit");
        assertProblem(get("/api/v1/files?ownerId=not-a-uuid", token), 400, "ownerId");
        assertProblem(get("/api/v1/files?sort=SIDEWAYS", token), 400, "sort");
        assertProblem(get("/api/v1/files?cursor=garbage", token), 400, "cursor");
        assertProblem(get("/api/v1/files?classification=secret", token), 400, "classification");
        assertProblem(get("/api/v1/files/metadata", token), 400, "fileId");
        assertProblem(post("/api/v1/quota/check", token, "{\"fileSize\": -1}"), 400, "fileSize");
        assertProblem(post("/api/v1/quota/check", token, "{not json"), 400, "body");
        assertProblem(
                post(
                        "/api/v1/shares",
                        token,
                        "{\"fileId\": \"f\", \"sharedWith\": \"" + bob + "\", " + "\"password\": \"short\"}"),
                400,
                "password");
        assertProblem(post("/api/v1/access", token, "{\"fileId\": \"f\", \"action\": \"FLY\"}"), 400, "body");
        assertProblem(
                post(
                        "/api/v1/quota/check",
                        token,
                        "{\"fileSize\": 1, \"organizationId\": \"" + "x".repeat(70_000) + "\"}"),
                413,
                "Content-Length");
        assertProblem(get("/api/v1/statistics/daily?from=2026-01-01&to=2028-01-01", token), 400, "to");
        // A value sent is never echoed back.
        HttpResponse<String> echoed = get("/api/v1/files/metadata?fileId=patient-jane-doe.pdf", token);
        assertThat(echoed.statusCode()).isEqualTo(404);
        assertThat(echoed.body()).doesNotContain("jane");
    }

    @Test
    void theOpenApiDocumentIsServedWithoutATokenAndIsTheCommittedOne() throws Exception {
        HttpResponse<String> served = get("/v3/api-docs", null);
        assertThat(served.statusCode()).isEqualTo(200);
        JsonNode document = json(served);
        assertThat(document.get("openapi").asString()).startsWith("3.1");
        String printed = JsonMapper.builder()
                        .enable(tools.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                        .build()
                        .writeValueAsString(document)
                + "\n";
        java.nio.file.Path committed = projectRoot().resolve("docs/openapi.json");
        if (Boolean.getBoolean("storage-catalog.docs.write")) {
            java.nio.file.Files.writeString(committed, printed);
        }
        assertThat(java.nio.file.Files.readString(committed))
                .as("docs/openapi.json is the document the API serves: rewrite it with "
                        + "./mvnw -pl catalog-api test -Dtest=CatalogApiTest -Dstorage-catalog.docs.write=true")
                .isEqualTo(printed);
    }

    private static java.nio.file.Path projectRoot() {
        java.nio.file.Path dir = java.nio.file.Path.of("").toAbsolutePath();
        while (!java.nio.file.Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        return dir;
    }

    private void assertProblem(HttpResponse<String> response, int status, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json(response);
        assertThat(problem.get("field").asString()).isEqualTo(field);
        assertThat(problem.get("detail").asString()).startsWith(field + ": ");
    }

    private boolean accessAllowed(String fileId, String action, String token, String password) throws Exception {
        String body = "{\"fileId\": \"" + fileId + "\", \"action\": \"" + action + "\""
                + (password == null ? "" : ", \"password\": \"" + password + "\"") + "}";
        HttpResponse<String> response = post("/api/v1/access", token, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response).get("allowed").asBoolean();
    }

    private String file(UUID owner, String name, long size) {
        String fileId = "files/" + UUID.randomUUID() + "/" + name;
        Timestamp now = Timestamp.from(Instant.now());
        owner().update("""
                INSERT INTO storage_files (id, file_id, filename, original_name, mime_type, size, checksum, provider,
                    provider_path, created_by, created_at, updated_at)
                VALUES (?, ?, ?, ?, 'application/octet-stream', ?, 'c', 'minio', ?, ?, ?, ?)""", UUID.randomUUID(), fileId, name, name, size, "bucket/" + fileId, owner, now, now);
        return fileId;
    }

    private JdbcTemplate owner() {
        return new JdbcTemplate(new DriverManagerDataSource(ownerUrl, ownerUser, ownerPassword));
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).GET(), token);
    }

    private HttpResponse<String> delete(String path, String token) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).DELETE(), token);
    }

    private HttpResponse<String> post(String path, String token, String body) throws Exception {
        return send(
                HttpRequest.newBuilder(uri(path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)),
                token);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String token) throws Exception {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }
}
