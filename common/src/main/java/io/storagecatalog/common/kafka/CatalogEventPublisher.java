package io.storagecatalog.common.kafka;

import io.storagecatalog.common.outbox.OutboxRepository;
import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Publishes the catalog's own events to {@code storage.catalog-events}: CloudEvents in structured
 * mode ({@code storage.quota.exceeded}, {@code storage.audit.integrity-violation},
 * {@code storage.maintenance.completed}, {@code storage.file.corrupted}). An event is written to the
 * outbox in the caller's transaction, so it exists exactly when the change it announces does, and
 * the {@link io.storagecatalog.common.outbox.OutboxRelay} sends it, with its id, at least once.
 */
public class CatalogEventPublisher {

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private final OutboxRepository outbox;
    private final CatalogTopics topics;
    private final String source;

    /** @param source the CloudEvents source of this publisher, e.g. {@code /storage-catalog/ingest-worker} */
    public CatalogEventPublisher(OutboxRepository outbox, CatalogTopics topics, String source) {
        this.outbox = outbox;
        this.topics = topics;
        this.source = source;
    }

    public ObjectNode newData() {
        return MAPPER.createObjectNode();
    }

    /**
     * Adds the event to the outbox, in the current transaction when there is one.
     *
     * @return the event's id, the same on every delivery
     */
    public UUID publish(String type, String key, ObjectNode data) {
        UUID id = UUID.randomUUID();
        ObjectNode event = MAPPER.createObjectNode()
                .put("specversion", "1.0")
                .put("id", id.toString())
                .put("source", source)
                .put("type", type)
                .put("time", Instant.now().toString())
                .put("datacontenttype", "application/json");
        if (key != null) {
            event.put("subject", key);
        }
        event.set("data", data);
        outbox.add(id, type, topics.catalogEvents(), key, MAPPER.writeValueAsBytes(event));
        return id;
    }
}
