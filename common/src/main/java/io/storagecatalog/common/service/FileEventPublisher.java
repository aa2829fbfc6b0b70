package io.storagecatalog.common.service;

import io.storagecatalog.common.kafka.CatalogTopics;
import io.storagecatalog.common.outbox.OutboxRepository;
import java.time.Clock;
import java.util.UUID;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Publishes the service's writes as contract events to {@code storage.file-events} (structured
 * CloudEvents keyed by fileId), so that they take the one path every write takes: the ingest worker
 * applies them, the audit worker records them. Each event is written to the outbox in the transaction
 * of the change it announces and relayed from there, so a change the service made in the database is
 * never without its event, whatever fails after the commit.
 */
public class FileEventPublisher {

    static final String SOURCE = "/storage-catalog/storage-database-service";
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final OutboxRepository outbox;
    private final CatalogTopics topics;
    private final Clock clock;

    public FileEventPublisher(OutboxRepository outbox, CatalogTopics topics, Clock clock) {
        this.outbox = outbox;
        this.topics = topics;
        this.clock = clock;
    }

    ObjectNode data(String fileId, UUID userId) {
        ObjectNode data = JSON.createObjectNode().put("fileId", fileId);
        if (userId != null) {
            data.put("userId", userId.toString());
        }
        return data;
    }

    /** Adds the event to the outbox, in the caller's transaction; returns the event id. */
    UUID publish(String type, String fileId, ObjectNode data) {
        UUID id = UUID.randomUUID();
        ObjectNode event = JSON.createObjectNode()
                .put("specversion", "1.0")
                .put("id", id.toString())
                .put("source", SOURCE)
                .put("type", type)
                .put("time", clock.instant().toString())
                .put("subject", fileId)
                .put("datacontenttype", "application/json");
        event.set("data", data);
        outbox.add(id, type, topics.fileEvents(), fileId, JSON.writeValueAsBytes(event));
        return id;
    }
}
