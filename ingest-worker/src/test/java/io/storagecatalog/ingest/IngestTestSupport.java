package io.storagecatalog.ingest;

import io.storagecatalog.common.catalog.QuotaRepository;
import io.storagecatalog.common.testing.RecordPublisher;
import io.storagecatalog.testkit.ConsumerLag;
import io.storagecatalog.testkit.TestInfrastructure;
import io.storagecatalog.testkit.WithTestInfrastructure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;

/**
 * A running ingest worker on the test servers, with its topics, database and a publisher; logged in as a
 * member of {@code storage_catalog_ingest}, as in production, the migrations run by the owner.
 */
@SpringBootTest(
        properties = {
            "storage-catalog.test.runtime-role=storage_catalog_ingest",
            "storage-catalog.ingest.unknown-file-retry=10s",
            "storage-catalog.ingest.unknown-file-retry-interval=500ms",
            "storage-catalog.ingest.max-backoff=2s",
            "storage-catalog.topics.partitions=4"
        })
@WithTestInfrastructure
// A context (database, topics, consumer group) per test class: assertions on whole tables and topics hold.
@DirtiesContext
abstract class IngestTestSupport {

    @Autowired
    JdbcTemplate jdbc;

    @Value("${storage-catalog.topics.file-events}")
    String fileEvents;

    @Value("${storage-catalog.topics.s3-notifications}")
    String s3Notifications;

    @Value("${storage-catalog.topics.catalog-events}")
    String catalogEvents;

    static final Duration WAIT = Duration.ofSeconds(120);

    @Value("${spring.kafka.consumer.group-id}")
    String groupId;

    /** The worker has committed every record of its input topics. */
    boolean caughtUp() {
        return ConsumerLag.of(
                        TestInfrastructure.kafka().bootstrapServers(), groupId, List.of(fileEvents, s3Notifications))
                == 0;
    }

    /** Every row of every catalog table, in a stable order: equal snapshots mean nothing changed. */
    List<List<Map<String, Object>>> snapshot() {
        return List.of(
                jdbc.queryForList("SELECT * FROM storage_files ORDER BY file_id"),
                jdbc.queryForList("SELECT * FROM storage_file_versions ORDER BY file_id, version_number"),
                jdbc.queryForList("SELECT * FROM storage_file_shares ORDER BY id"),
                jdbc.queryForList("SELECT * FROM storage_quotas ORDER BY entity_type, entity_id"),
                jdbc.queryForList("SELECT * FROM storage_object_sequences ORDER BY file_id"),
                jdbc.queryForList("SELECT consumer, event_key FROM storage_processed_events ORDER BY event_key"));
    }

    RecordPublisher publisher() {
        return new RecordPublisher(TestInfrastructure.kafka().bootstrapServers());
    }

    Map<String, Object> file(String fileId) {
        List<Map<String, Object>> rows = jdbc.queryForList(
                "SELECT *, tags::text AS tags_json, custom_metadata::text AS custom_json FROM storage_files "
                        + "WHERE file_id = ?",
                fileId);
        return rows.isEmpty() ? null : rows.get(0);
    }

    long count(String sql, Object... args) {
        return jdbc.queryForObject(sql, Long.class, args);
    }

    /** Usage of an entity as stored: [bytes, files], or null when it has no quota row. */
    long[] usage(String type, String id) {
        List<long[]> rows = jdbc.query(
                "SELECT used_storage_bytes, used_files FROM storage_quotas "
                        + "WHERE entity_type = ? AND entity_id = ?",
                (rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)},
                type,
                id);
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** Entities whose stored usage differs from the recalculation (an empty list when quotas are exact). */
    List<Map<String, Object>> quotaDrift() {
        return jdbc.queryForList("""
                WITH expected AS (%s)
                SELECT coalesce(q.entity_type, e.entity_type) AS entity_type, coalesce(q.entity_id, e.entity_id) AS id,
                       q.used_storage_bytes, e.bytes, q.used_files, e.files
                FROM storage_quotas q FULL JOIN expected e ON e.entity_type = q.entity_type AND e.entity_id = q.entity_id
                WHERE coalesce(q.used_storage_bytes, 0) <> coalesce(e.bytes, 0)
                   OR coalesce(q.used_files, 0) <> coalesce(e.files, 0)
                """.formatted(QuotaRepository.RECALCULATED_USAGE));
    }
}
