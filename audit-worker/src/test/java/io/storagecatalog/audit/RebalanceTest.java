package io.storagecatalog.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.storagecatalog.common.event.RawRecord;
import io.storagecatalog.common.testing.MixedEvents;
import io.storagecatalog.common.testing.RecordPublisher;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/** A second instance joins mid-stream and leaves again: two rebalances, one chain, no fork, no gap. */
class RebalanceTest extends AuditTestSupport {

    @Autowired
    Environment environment;

    @Test
    void twoInstancesAndRebalancesKeepEveryChainWhole() {
        List<RawRecord> stream = new MixedEvents(21, 5).next(4_000);
        try (RecordPublisher publisher = publisher()) {
            publisher.publish(fileEvents, stream.subList(0, 1_000));
            try (ConfigurableApplicationContext second = secondInstance()) {
                publisher.publish(fileEvents, stream.subList(1_000, 3_000));
                await().atMost(WAIT).until(() -> rows() >= 2_000);
            }
            publisher.publish(fileEvents, stream.subList(3_000, 4_000));
        }
        await().atMost(WAIT).until(this::caughtUp);

        assertThat(rows()).isEqualTo(4_000);
        // The four partitions' events went to four chains, each counting 1, 2, 3, ... without a gap or a
        // repeat, whichever instance appended them and however often the partitions moved.
        List<Map<String, Object>> chains = jdbc.queryForList(
                "SELECT chain, count(*) AS rows, min(seq) AS first, max(seq) AS last FROM storage_operations"
                        + " GROUP BY chain ORDER BY chain");
        assertThat(chains).hasSize(4);
        assertThat(chains).allSatisfy(chain -> {
            assertThat(((Number) chain.get("first")).longValue()).isOne();
            assertThat(((Number) chain.get("last")).longValue()).isEqualTo(((Number) chain.get("rows")).longValue());
        });
        assertThat(verifier.verify().intact()).isTrue();
    }

    private ConfigurableApplicationContext secondInstance() {
        Map<String, String> properties = new HashMap<>();
        for (String name : new String[] {
            "spring.datasource.url",
            "spring.datasource.username",
            "spring.datasource.password",
            "spring.kafka.bootstrap-servers",
            "spring.kafka.consumer.group-id",
            "storage-catalog.topics.file-events",
            "storage-catalog.topics.s3-notifications",
            "storage-catalog.topics.catalog-events",
            "storage-catalog.s3.endpoint",
            "storage-catalog.s3.access-key",
            "storage-catalog.s3.secret-key",
            "storage-catalog.audit.checkpoint-bucket",
            "storage-catalog.monitoring.password",
            "storage-catalog.audit.signing-key"
        }) {
            properties.put(name, environment.getRequiredProperty(name));
        }
        properties.put("server.port", "0");
        String[] args = properties.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(AuditWorkerApplication.class).run(args);
    }
}
