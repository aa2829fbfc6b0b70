package io.storagecatalog.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.storagecatalog.common.event.RawRecord;
import io.storagecatalog.common.testing.RecordPublisher;
import io.storagecatalog.common.testing.TestEvents;
import io.storagecatalog.testkit.ConsumerLag;
import io.storagecatalog.testkit.RestartablePostgres;
import io.storagecatalog.testkit.TestInfrastructure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** PostgreSQL stops while events keep coming: the worker pauses, and applies all of them exactly once after. */
class OutageTest {

    @Test
    void appliesEveryEventExactlyOnceAcrossADatabaseOutage() {
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String topic = "storage.file-events.outage-" + suffix;
        String group = "outage-" + suffix;
        String bootstrap = TestInfrastructure.kafka().bootstrapServers();
        try (RestartablePostgres postgres = RestartablePostgres.start()) {
            String database = postgres.createDatabase();
            Map<String, Object> properties = new HashMap<>();
            properties.put("spring.datasource.url", postgres.jdbcUrl(database));
            properties.put("spring.datasource.username", postgres.username());
            properties.put("spring.datasource.password", postgres.password());
            properties.put("spring.kafka.bootstrap-servers", bootstrap);
            properties.put("spring.kafka.consumer.group-id", group);
            properties.put("storage-catalog.topics.file-events", topic);
            properties.put("storage-catalog.topics.s3-notifications", "storage.s3-notifications.outage-" + suffix);
            properties.put("storage-catalog.topics.catalog-events", "storage.catalog-events.outage-" + suffix);
            properties.put("storage-catalog.topics.partitions", "4");
            properties.put("storage-catalog.ingest.max-backoff", "1s");
            properties.put("storage-catalog.monitoring.password", "outage-" + suffix);
            JdbcTemplate jdbc = new JdbcTemplate(
                    new DriverManagerDataSource(postgres.jdbcUrl(database), postgres.username(), postgres.password()));

            try (IngestWorkerInstance worker = IngestWorkerInstance.start(properties);
                    RecordPublisher publisher = new RecordPublisher(bootstrap)) {
                publisher.publish(topic, uploadsThenDownloads(50));
                await().atMost(Duration.ofSeconds(60)).until(() -> count(jdbc, "storage_processed_events") == 100);
                MeterRegistry meters = worker.context().getBean(MeterRegistry.class);

                postgres.stop();
                publisher.publish(topic, uploadsThenDownloads(500));
                await().atMost(Duration.ofSeconds(60)).until(() -> infrastructureRetries(meters) > 0);
                assertThat(ConsumerLag.of(bootstrap, group, List.of(topic))).isGreaterThan(0);
                postgres.restart();

                await().atMost(Duration.ofSeconds(120))
                        .until(() -> ConsumerLag.of(bootstrap, group, List.of(topic)) == 0);
            }

            assertThat(count(jdbc, "storage_processed_events")).isEqualTo(1100);
            assertThat(count(jdbc, "storage_files")).isEqualTo(550);
            assertThat(count(jdbc, "storage_file_versions")).isEqualTo(550);
            assertThat(jdbc.queryForObject("SELECT sum(access_count) FROM storage_files", Long.class))
                    .isEqualTo(550);
            assertThat(jdbc.queryForObject(
                            "SELECT sum(used_files) FROM storage_quotas WHERE entity_type = 'user'", Long.class))
                    .isEqualTo(550);
            assertThat(jdbc.queryForObject(
                            "SELECT sum(used_storage_bytes) FROM storage_quotas " + "WHERE entity_type = 'user'",
                            Long.class))
                    .isEqualTo(jdbc.queryForObject("SELECT sum(size) FROM storage_file_versions", Long.class));
        }
    }

    private static List<RawRecord> uploadsThenDownloads(int files) {
        List<RawRecord> records = new ArrayList<>();
        List<String> fileIds = new ArrayList<>();
        for (int i = 0; i < files; i++) {
            var upload = TestEvents.upload();
            fileIds.add(upload.fileId());
            records.add(upload.binary());
        }
        fileIds.forEach(
                fileId -> records.add(TestEvents.download().fileId(fileId).structured()));
        return records;
    }

    private static double infrastructureRetries(MeterRegistry meters) {
        var counter = meters.find(IngestMetrics.RETRIES)
                .tag("cause", "infrastructure")
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private static long count(JdbcTemplate jdbc, String table) {
        try {
            return jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class);
        } catch (org.springframework.dao.DataAccessException e) {
            return -1;
        }
    }
}
