package io.storagecatalog.audit;

import io.storagecatalog.audit.append.AuditAppender;
import io.storagecatalog.common.audit.AuditChainVerifier;
import io.storagecatalog.common.event.CatalogEvent;
import io.storagecatalog.common.event.EventContract;
import io.storagecatalog.common.event.EventContract.RecordFormat;
import io.storagecatalog.common.event.RawRecord;
import io.storagecatalog.common.testing.RecordPublisher;
import io.storagecatalog.testkit.ConsumerLag;
import io.storagecatalog.testkit.TestInfrastructure;
import io.storagecatalog.testkit.WithTestInfrastructure;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;

/** A running audit worker on the test servers: its database, topics, checkpoint bucket. */
@SpringBootTest(
        properties = {
            "storage-catalog.audit.checkpoint-interval=1h",
            "storage-catalog.audit.checkpoint-bucket=audit-${storage-catalog.test.suffix}",
            "storage-catalog.topics.partitions=4"
        })
@WithTestInfrastructure
@DirtiesContext
abstract class AuditTestSupport {

    static final Duration WAIT = Duration.ofSeconds(120);

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    AuditAppender appender;

    @Autowired
    AuditChainVerifier verifier;

    @Value("${storage-catalog.topics.file-events}")
    String fileEvents;

    @Value("${storage-catalog.topics.s3-notifications}")
    String s3Notifications;

    @Value("${storage-catalog.topics.catalog-events}")
    String catalogEvents;

    @Value("${spring.kafka.consumer.group-id}")
    String groupId;

    final EventContract contract = new EventContract();

    RecordPublisher publisher() {
        return new RecordPublisher(TestInfrastructure.kafka().bootstrapServers());
    }

    boolean caughtUp() {
        return ConsumerLag.of(
                        TestInfrastructure.kafka().bootstrapServers(), groupId, List.of(fileEvents, s3Notifications))
                == 0;
    }

    long rows() {
        return jdbc.queryForObject("SELECT count(*) FROM storage_operations", Long.class);
    }

    /** Appends the records' events directly (no broker): a chain to verify or tamper with. */
    void appendDirectly(List<RawRecord> records) {
        appendDirectly(0, records);
    }

    /** Appends the records' events directly to one chain. */
    void appendDirectly(int chain, List<RawRecord> records) {
        List<CatalogEvent> events = events(records);
        for (int from = 0; from < events.size(); from += 50) {
            List<CatalogEvent> batch = events.subList(from, Math.min(events.size(), from + 50));
            int[] chains = new int[batch.size()];
            java.util.Arrays.fill(chains, chain);
            appender.append(batch, chains);
        }
    }

    List<CatalogEvent> events(List<RawRecord> records) {
        return records.stream()
                .flatMap(r -> contract.parse(r, RecordFormat.CLOUD_EVENTS).stream())
                .toList();
    }
}
