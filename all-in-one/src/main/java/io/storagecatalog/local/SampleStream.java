package io.storagecatalog.local;

import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A realistic sample stream, the equivalent of the source platform's {@code db:seed} script: a few hundred files of a few
 * users across organizations and projects, with versions, downloads, shares and revokes, moves and
 * metadata changes, copies, deletes and restores, failed and pending operations, quotas (one of them
 * small enough to be exceeded), and objects put into the S3 API server with MinIO-format notifications.
 */
final class SampleStream {

    static final String FILE_EVENTS = "storage.file-events";
    static final String S3_NOTIFICATIONS = "storage.s3-notifications";
    /** A bcrypt hash of "sample-password" (shares travel with hashes only). */
    static final String SHARE_PASSWORD_HASH = "$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW";

    private static final String[] MIME = {"application/pdf", "image/png", "image/jpeg", "text/csv", "application/dicom"
    };
    private static final String[] CLASSIFICATION = {"public", "internal", "confidential", "restricted"};

    private final ObjectMapper json = JsonMapper.builder().build();
    private final Random random;
    private final List<UUID> users = new ArrayList<>();
    private final List<String> files = new ArrayList<>();
    private final Map<String, UUID> owners = new java.util.HashMap<>();
    private Instant clock = Instant.now().minusSeconds(14 * 24 * 3600);
    private int events;
    private int notifications;
    // The first send the broker refused: the sample fails rather than report records it did not publish.
    private final java.util.concurrent.atomic.AtomicReference<Exception> refused =
            new java.util.concurrent.atomic.AtomicReference<>();

    /** What was published: CloudEvents, objects put into the store, and MinIO notifications of them. */
    record Summary(int cloudEvents, int objects, int notifications) {}

    SampleStream(long seed) {
        this.random = new Random(seed);
        for (int i = 0; i < 8; i++) {
            users.add(new UUID(seed, i + 1));
        }
    }

    Summary publish(String bootstrapServers, String s3Endpoint, String accessKey, String secretKey, String bucket)
            throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(),
                new ByteArraySerializer())) {
            for (UUID user : users) {
                boolean small = user.equals(users.get(0));
                send(
                        producer,
                        "storage.quota.set",
                        "user:" + user,
                        data(null, user)
                                .put("entityType", "user")
                                .put("entityId", user.toString())
                                .put("maxStorageBytes", small ? 5_000_000L : 10_737_418_240L)
                                .put("maxFiles", small ? 20 : 10_000)
                                .put("maxFileSizeBytes", 104_857_600L));
            }
            for (int i = 0; i < 250; i++) {
                upload(producer);
            }
            for (int i = 0; i < 700; i++) {
                activity(producer);
            }
            int objects = notifications(producer, s3Endpoint, accessKey, secretKey, bucket);
            producer.flush();
            if (refused.get() != null) {
                throw new IllegalStateException("the broker refused a sample record", refused.get());
            }
            return new Summary(events, objects, notifications);
        }
    }

    private void upload(KafkaProducer<String, byte[]> producer) {
        UUID owner = users.get(random.nextInt(users.size()));
        String fileId = "files/" + new UUID(random.nextLong(), random.nextLong()) + ".bin";
        ObjectNode data = data(fileId, owner)
                .put("filename", "record-" + files.size() + ".pdf")
                .put("mimeType", MIME[random.nextInt(MIME.length)])
                .put("size", 1_000 + random.nextInt(3_000_000))
                .put("checksum", Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong()))
                .put("provider", "minio")
                .put("providerPath", "storage-catalog/" + fileId)
                .put("dataClassification", CLASSIFICATION[random.nextInt(CLASSIFICATION.length)])
                .put("organizationId", "org-" + (1 + random.nextInt(3)));
        if (random.nextBoolean()) {
            data.put("projectId", "project-" + (1 + random.nextInt(4)));
        }
        data.putArray("tags")
                .add(random.nextBoolean() ? "cardiology" : "radiology")
                .add("sample");
        data.putObject("customMetadata").put("department", random.nextBoolean() ? "cardiology" : "radiology");
        send(producer, "storage.file.upload", fileId, data);
        files.add(fileId);
        owners.put(fileId, owner);
    }

    private void activity(KafkaProducer<String, byte[]> producer) {
        String fileId = files.get(random.nextInt(files.size()));
        UUID owner = owners.get(fileId);
        UUID other = users.get(random.nextInt(users.size()));
        int dice = random.nextInt(100);
        if (dice < 40) {
            send(producer, "storage.file.download", fileId, data(fileId, other).put("bytesTransferred", 1000));
        } else if (dice < 50) {
            send(
                    producer,
                    "storage.file.upload",
                    fileId,
                    data(fileId, owner)
                            .put("filename", "record-v2.pdf")
                            .put("mimeType", "application/pdf")
                            .put("size", 2_000 + random.nextInt(100_000))
                            .put("checksum", Long.toHexString(random.nextLong()))
                            .put("provider", "minio")
                            .put("providerPath", "storage-catalog/" + fileId)
                            .put("changeDescription", "revised"));
        } else if (dice < 58 && !other.equals(owner)) {
            ObjectNode share = data(fileId, owner)
                    .put("shareId", new UUID(random.nextLong(), random.nextLong()).toString())
                    .put("sharedWith", other.toString())
                    .put("maxDownloads", 5);
            if (random.nextBoolean()) {
                share.put("passwordHash", SHARE_PASSWORD_HASH);
            }
            send(producer, "storage.file.share", fileId, share);
        } else if (dice < 64) {
            send(producer, "storage.file.move", fileId, data(fileId, owner).put("filename", "moved-" + dice + ".pdf"));
        } else if (dice < 70) {
            ObjectNode update = data(fileId, owner);
            update.putObject("changes")
                    .put("dataClassification", "restricted")
                    .putArray("tags")
                    .add("reviewed");
            send(producer, "storage.file.update-metadata", fileId, update);
        } else if (dice < 76) {
            send(producer, "storage.file.delete", fileId, data(fileId, owner));
        } else if (dice < 79) {
            send(producer, "storage.file.restore", fileId, data(fileId, owner));
        } else if (dice < 85) {
            String copy = "copies/" + new UUID(random.nextLong(), random.nextLong()) + ".bin";
            // Copied by its owner: a copy needs the right to read the source.
            send(
                    producer,
                    "storage.file.copy",
                    copy,
                    data(copy, owner).put("sourceFileId", fileId).put("providerPath", "storage-catalog/" + copy));
            files.add(copy);
            owners.put(copy, owner);
        } else if (dice < 95) {
            send(
                    producer,
                    "storage.file.upload",
                    "failed/" + dice + "-" + events,
                    data("failed/" + dice + "-" + events, other)
                            .put("status", "failed")
                            .put("errorCode", "E_PROVIDER_TIMEOUT")
                            .put("errorMessage", "the provider did not answer in time"));
        } else {
            send(producer, "storage.file.download", fileId, data(fileId, other).put("status", "pending"));
        }
    }

    private int notifications(
            KafkaProducer<String, byte[]> producer, String endpoint, String accessKey, String secretKey, String bucket)
            throws Exception {
        MinioClient client = MinioClient.builder()
                .endpoint(endpoint)
                .credentials(accessKey, secretKey)
                .build();
        int objects = 30;
        for (int i = 0; i < objects; i++) {
            String key = "scans/patient " + i + "/chest-x-ray.dcm";
            byte[] content = ("scan " + i).getBytes(StandardCharsets.UTF_8);
            client.putObject(PutObjectArgs.builder().bucket(bucket).object(key).stream(
                            new ByteArrayInputStream(content), content.length, -1)
                    .contentType("application/dicom")
                    .build());
            notification(producer, "s3:ObjectCreated:Put", bucket, key, content.length, i * 2);
            if (i % 3 == 0) {
                notification(producer, "s3:ObjectAccessed:Get", bucket, key, content.length, i * 2 + 1);
            }
        }
        return objects;
    }

    private void notification(
            KafkaProducer<String, byte[]> producer,
            String eventName,
            String bucket,
            String key,
            long size,
            int sequence) {
        notifications++;
        String encoded = URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/");
        ObjectNode record = json.createObjectNode()
                .put("eventVersion", "2.0")
                .put("eventSource", "minio:s3")
                .put("eventTime", tick().toString())
                .put("eventName", eventName);
        record.putObject("userIdentity").put("principalId", "radiology-uploader");
        ObjectNode object = record.putObject("s3").put("s3SchemaVersion", "1.0");
        object.putObject("bucket").put("name", bucket);
        ObjectNode o = object.putObject("object")
                .put("key", encoded)
                .put("size", size)
                .put("eTag", Integer.toHexString(key.hashCode()))
                .put("contentType", "application/dicom")
                .put("sequencer", String.format("%016X", 0x17E0000000000000L + sequence));
        o.putObject("userMetadata")
                .put("X-Amz-Meta-Owner-Id", users.get(1).toString())
                .put("X-Amz-Meta-Classification", "restricted")
                .put("X-Amz-Meta-Tags", "radiology,scan");
        ObjectNode value = json.createObjectNode().put("EventName", eventName).put("Key", bucket + "/" + key);
        value.putArray("Records").add(record);
        var unused = producer.send(
                new ProducerRecord<>(S3_NOTIFICATIONS, bucket + "/" + key, json.writeValueAsBytes(value)), this::sent);
    }

    private void sent(org.apache.kafka.clients.producer.RecordMetadata metadata, Exception exception) {
        if (exception != null) {
            refused.compareAndSet(null, exception);
        }
    }

    private ObjectNode data(String fileId, UUID user) {
        ObjectNode data = json.createObjectNode();
        if (fileId != null) {
            data.put("fileId", fileId);
        }
        return data.put("userId", user.toString())
                .put("clientIp", "10.20." + random.nextInt(255) + ".7")
                .put("userAgent", "sample-portal/1.0")
                .put("correlationId", "req-" + random.nextInt(100_000));
    }

    private void send(KafkaProducer<String, byte[]> producer, String type, String key, ObjectNode data) {
        ObjectNode event = json.createObjectNode()
                .put("specversion", "1.0")
                .put("id", new UUID(random.nextLong(), random.nextLong()).toString())
                .put("source", "/sample-portal")
                .put("type", type)
                .put("time", tick().toString());
        event.set("data", data);
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(FILE_EVENTS, key, json.writeValueAsBytes(event));
        record.headers().add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
        var unused = producer.send(record, this::sent);
        events++;
    }

    private Instant tick() {
        clock = clock.plusSeconds(30 + random.nextInt(1200));
        return clock;
    }
}
