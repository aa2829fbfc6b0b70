package io.storagecatalog.common.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;

import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Publishes the catalog's own events to {@code storage.catalog-events}: CloudEvents in structured
 * mode ({@code storage.quota.exceeded}, {@code storage.audit.integrity-violation},
 * {@code storage.maintenance.completed}, {@code storage.file.corrupted}).
 */
public class CatalogEventPublisher {

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private final KafkaTemplate<String, byte[]> kafka;
    private final CatalogTopics topics;
    private final String source;

    /** @param source the CloudEvents source of this publisher, e.g. {@code /storage-catalog/ingest-worker} */
    public CatalogEventPublisher(KafkaTemplate<String, byte[]> kafka, CatalogTopics topics, String source) {
        this.kafka = kafka;
        this.topics = topics;
        this.source = source;
    }

    public ObjectNode newData() {
        return MAPPER.createObjectNode();
    }

    /** Publishes and waits for the broker's acknowledgement. */
    public void publish(String type, String key, ObjectNode data) {
        ObjectNode event = MAPPER.createObjectNode()
                .put("specversion", "1.0")
                .put("id", UUID.randomUUID().toString())
                .put("source", source)
                .put("type", type)
                .put("time", Instant.now().toString())
                .put("datacontenttype", "application/json");
        if (key != null) {
            event.put("subject", key);
        }
        event.set("data", data);
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topics.catalogEvents(), key,
                MAPPER.writeValueAsBytes(event));
        record.headers().add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
        try {
            kafka.send(record).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not publish " + type + " to " + topics.catalogEvents(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted publishing " + type, e);
        }
    }
}
