package io.storagecatalog.local;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.storagecatalog.ingest.IngestWorkerApplication;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A broker as docs/security.md configures one (SASL/SCRAM, the StandardAuthorizer, no access without an
 * ACL) with the ACLs it lists: a client without rights is refused, a service may write the event topic
 * and nothing else, and the ingest worker, logged in as itself, consumes and applies what the service
 * published.
 */
class KafkaAclTest {

    private static final String EVENTS = "storage.file-events";
    private static final String NOTIFICATIONS = "storage.s3-notifications";
    private static final String CATALOG = "storage.catalog-events";

    @Test
    void onlyWhatTheAclsAllow() throws Exception {
        Path data = Files.createTempDirectory("kafka-acl");
        try (SecuredKafka kafka = SecuredKafka.start(data.resolve("kafka"));
                EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
                Admin admin = kafka.admin()) {
            Map<String, String> passwords = new HashMap<>();
            for (String user : List.of("upstream", "ingest-worker", "stranger")) {
                passwords.put(user, UUID.randomUUID().toString());
                kafka.addUser(admin, user, passwords.get(user));
            }
            admin.createTopics(List.of(
                            new NewTopic(EVENTS, 2, (short) 1),
                            new NewTopic(NOTIFICATIONS, 2, (short) 1),
                            new NewTopic(EVENTS + "-dlt", 1, (short) 1),
                            new NewTopic(NOTIFICATIONS + "-dlt", 1, (short) 1),
                            new NewTopic(EVENTS + "-audit-dlt", 1, (short) 1),
                            new NewTopic(NOTIFICATIONS + "-audit-dlt", 1, (short) 1),
                            new NewTopic(CATALOG, 2, (short) 1)))
                    .all()
                    .get();
            admin.createAcls(acls()).all().get();

            // Nobody without an ACL gets in: not even to write the event topic.
            try (KafkaProducer<String, byte[]> stranger = producer(kafka, "stranger", passwords)) {
                assertThatThrownBy(() -> stranger.send(new ProducerRecord<>(EVENTS, "k", new byte[1]))
                                .get())
                        .hasCauseInstanceOf(AuthorizationException.class);
            }
            String fileId = "files/" + UUID.randomUUID() + ".pdf";
            try (KafkaProducer<String, byte[]> upstream = producer(kafka, "upstream", passwords)) {
                // A service writes the event topic, and nothing else.
                assertThatThrownBy(() -> upstream.send(new ProducerRecord<>(EVENTS + "-dlt", "k", new byte[1]))
                                .get())
                        .hasCauseInstanceOf(AuthorizationException.class);
                assertThatThrownBy(() -> upstream.send(new ProducerRecord<>(CATALOG, "k", new byte[1]))
                                .get())
                        .hasCauseInstanceOf(AuthorizationException.class);
                ProducerRecord<String, byte[]> event = new ProducerRecord<>(EVENTS, fileId, upload(fileId));
                event.headers().add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
                upstream.send(event).get();
            }
            try (KafkaConsumer<String, byte[]> reader = consumer(kafka, "upstream", passwords)) {
                reader.subscribe(List.of(EVENTS));
                assertThatThrownBy(() -> reader.poll(Duration.ofSeconds(5))).isInstanceOf(AuthorizationException.class);
            }

            JdbcTemplate jdbc = new JdbcTemplate(
                    new DriverManagerDataSource(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres"));
            Map<String, Object> properties = new HashMap<>();
            properties.put("server.port", "0");
            properties.put("spring.datasource.url", postgres.getJdbcUrl("postgres", "postgres"));
            properties.put("spring.datasource.username", "postgres");
            properties.put("spring.datasource.password", "postgres");
            properties.put("spring.kafka.bootstrap-servers", kafka.bootstrapServers());
            properties.put("spring.kafka.consumer.auto-offset-reset", "earliest");
            properties.put("storage-catalog.topics.partitions", "2");
            properties.put(
                    "storage-catalog.monitoring.password", UUID.randomUUID().toString());
            // The worker's settings for a secured broker, as docs/security.md gives them.
            properties.put("spring.kafka.security.protocol", "SASL_PLAINTEXT");
            properties.put("spring.kafka.properties.sasl.mechanism", "SCRAM-SHA-512");
            properties.put(
                    "spring.kafka.properties.sasl.jaas.config",
                    "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"ingest-worker\" "
                            + "password=\"" + passwords.get("ingest-worker") + "\";");
            // As command-line arguments: they take precedence over the worker's application.yml.
            String[] arguments = properties.entrySet().stream()
                    .map(e -> "--" + e.getKey() + "=" + e.getValue())
                    .toArray(String[]::new);
            try (ConfigurableApplicationContext worker =
                    new SpringApplicationBuilder(IngestWorkerApplication.class).run(arguments)) {
                await().atMost(Duration.ofSeconds(90))
                        .until(() -> jdbc.queryForObject(
                                        "SELECT count(*) FROM storage_files WHERE file_id = ?", Long.class, fileId)
                                == 1);
            }
        }
    }

    /** The ACLs of docs/security.md for the service and the ingest worker. */
    private static List<AclBinding> acls() {
        List<AclBinding> acls = new ArrayList<>();
        allow(
                acls,
                "upstream",
                ResourceType.TOPIC,
                EVENTS,
                PatternType.LITERAL,
                AclOperation.WRITE,
                AclOperation.DESCRIBE);
        for (String topic : List.of(EVENTS, NOTIFICATIONS)) {
            allow(
                    acls,
                    "ingest-worker",
                    ResourceType.TOPIC,
                    topic,
                    PatternType.LITERAL,
                    AclOperation.READ,
                    AclOperation.DESCRIBE);
            allow(
                    acls,
                    "ingest-worker",
                    ResourceType.TOPIC,
                    topic + "-dlt",
                    PatternType.LITERAL,
                    AclOperation.WRITE,
                    AclOperation.DESCRIBE);
            allow(
                    acls,
                    "ingest-worker",
                    ResourceType.TOPIC,
                    topic + "-audit-dlt",
                    PatternType.LITERAL,
                    AclOperation.DESCRIBE);
        }
        allow(
                acls,
                "ingest-worker",
                ResourceType.TOPIC,
                CATALOG,
                PatternType.LITERAL,
                AclOperation.WRITE,
                AclOperation.DESCRIBE);
        allow(
                acls,
                "ingest-worker",
                ResourceType.GROUP,
                "storage-catalog-ingest",
                PatternType.LITERAL,
                AclOperation.READ);
        allow(
                acls,
                "ingest-worker",
                ResourceType.TRANSACTIONAL_ID,
                "storage-catalog-ingest-",
                PatternType.PREFIXED,
                AclOperation.WRITE,
                AclOperation.DESCRIBE);
        return acls;
    }

    private static void allow(
            List<AclBinding> acls,
            String user,
            ResourceType type,
            String name,
            PatternType pattern,
            AclOperation... operations) {
        for (AclOperation operation : operations) {
            acls.add(new AclBinding(
                    new ResourcePattern(type, name, pattern),
                    new AccessControlEntry("User:" + user, "*", operation, AclPermissionType.ALLOW)));
        }
    }

    private static KafkaProducer<String, byte[]> producer(
            SecuredKafka kafka, String user, Map<String, String> passwords) {
        Map<String, Object> config = new HashMap<>(kafka.scram(user, passwords.get(user)));
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    private static KafkaConsumer<String, byte[]> consumer(
            SecuredKafka kafka, String user, Map<String, String> passwords) {
        Map<String, Object> config = new HashMap<>(kafka.scram(user, passwords.get(user)));
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "storage-catalog-ingest");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static byte[] upload(String fileId) {
        UUID owner = UUID.randomUUID();
        return ("{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID() + "\",\"source\":\"/acl-test\","
                        + "\"type\":\"storage.file.upload\",\"time\":\"" + java.time.Instant.now() + "\","
                        + "\"datacontenttype\":\"application/json\",\"data\":{\"fileId\":\"" + fileId
                        + "\",\"userId\":\""
                        + owner + "\",\"filename\":\"scan.pdf\",\"mimeType\":\"application/pdf\",\"size\":10,"
                        + "\"checksum\":\"" + "0".repeat(64) + "\",\"provider\":\"minio\",\"providerPath\":\"catalog/"
                        + fileId
                        + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
