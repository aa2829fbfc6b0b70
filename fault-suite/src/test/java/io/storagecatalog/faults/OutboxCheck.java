package io.storagecatalog.faults;

import io.storagecatalog.testkit.TopicReader;
import io.storagecatalog.testkit.WorkerProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import tools.jackson.databind.json.JsonMapper;

/**
 * The catalog's events committed while no process relayed them (its workers killed with -9 between the
 * commit and the publication) are all published once a relaying worker runs, each with the id it was
 * committed with.
 */
final class OutboxCheck {

    private final Pipeline pipeline;

    OutboxCheck(Pipeline pipeline) {
        this.pipeline = pipeline;
    }

    /** @return the problems: events committed and never published (an empty list when none was lost) */
    List<String> relayedAfterKills(ScenarioRun run) {
        List<UUID> committed =
                pipeline.jdbc().queryForList("SELECT event_id FROM storage_outbox ORDER BY id", UUID.class);
        List<String> problems = new ArrayList<>();
        if (committed.isEmpty()) {
            problems.add("the stream left no catalog event to relay: the check proves nothing");
            return problems;
        }
        pipeline.relaying(true);
        WorkerProcess relay = pipeline.startIngest();
        Awaitility.await("outbox relayed")
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> pipeline.jdbc().queryForObject("SELECT count(*) FROM storage_outbox", Long.class) == 0);
        relay.stop();
        JsonMapper json = JsonMapper.builder().build();
        Set<String> published = new HashSet<>();
        for (ConsumerRecord<String, byte[]> record : TopicReader.read(
                pipeline.kafka().bootstrapServers(),
                pipeline.catalogTopic(),
                committed.size(),
                Duration.ofMinutes(1),
                Duration.ofSeconds(1))) {
            published.add(json.readTree(record.value()).get("id").asString());
        }
        committed.stream()
                .map(UUID::toString)
                .filter(id -> !published.contains(id))
                .forEach(id -> problems.add("catalog event " + id + " committed, never published"));
        run.note(committed.size() + " catalog events committed while no process relayed (kill -9 between commit "
                + "and publication), " + (committed.size() - problems.size()) + " published by the relay afterwards");
        return problems;
    }
}
