package io.storagecatalog.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.StatObjectArgs;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The kit's servers are real: a SQL round trip, a produce/consume round trip, an S3 put/get. */
class TestInfrastructureTest {

    @Test
    void postgresCreatesIsolatedDatabases() throws Exception {
        TestPostgres postgres = TestInfrastructure.postgres();
        String first = postgres.createDatabase();
        String second = postgres.createDatabase();

        assertThat(first).isNotEqualTo(second);
        try (Connection connection =
                        DriverManager.getConnection(postgres.jdbcUrl(first), postgres.username(), postgres.password());
                ResultSet rs = connection.createStatement().executeQuery("SHOW server_version")) {
            rs.next();
            // Embedded: zonky's 17; a container: the image's (the official 17, or Debian's 15 where only the
            // local images exist), each a version the catalog's migrations run on.
            int major = Integer.parseInt(rs.getString(1).split("[.]")[0]);
            if (postgres instanceof ContainerTestPostgres) {
                assertThat(major).isGreaterThanOrEqualTo(15);
            } else {
                assertThat(major).isEqualTo(17);
            }
        }
    }

    @Test
    void kafkaRoundTripsARecord() {
        TestKafka kafka = TestInfrastructure.kafka();
        String topic = "kit-" + UUID.randomUUID();
        kafka.createTopics(2, topic);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "k", "hello")).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG, "kit-test",
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            String value = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (value == null && System.nanoTime() < deadline) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
                if (!records.isEmpty()) {
                    value = records.iterator().next().value();
                }
            }
            assertThat(value).isEqualTo("hello");
        }
    }

    @Test
    void s3StoresAndReturnsAnObject() throws Exception {
        MinioClient client = TestInfrastructure.s3().client();
        String bucket = "kit-" + UUID.randomUUID().toString().substring(0, 8);
        byte[] content = "patient record".getBytes(StandardCharsets.UTF_8);

        client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
        client.putObject(PutObjectArgs.builder().bucket(bucket).object("a/b c.txt").stream(
                        new ByteArrayInputStream(content), content.length, -1)
                .contentType("text/plain")
                .build());

        assertThat(client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build()))
                .isTrue();
        assertThat(client.statObject(StatObjectArgs.builder()
                                .bucket(bucket)
                                .object("a/b c.txt")
                                .build())
                        .size())
                .isEqualTo(content.length);
        try (var in = client.getObject(
                GetObjectArgs.builder().bucket(bucket).object("a/b c.txt").build())) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
    }
}
