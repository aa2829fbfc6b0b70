package io.storagecatalog.common.service;

import io.storagecatalog.common.kafka.CatalogTopics;
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
 * Publishes the service's writes as contract events to {@code storage.file-events} (structured
 * CloudEvents keyed by fileId), so that they take the one path every write takes: the ingest worker
 * applies them, the audit worker records them.
 */
public class FileEventPublisher {

    static final String SOURCE = "/storage-catalog/storage-database-service";
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final KafkaTemplate<String, byte[]> kafka;
    private final CatalogTopics topics;

    public FileEventPublisher(KafkaTemplate<String, byte[]> kafka, CatalogTopics topics) {
        this.kafka = kafka;
        this.topics = topics;
    }

    ObjectNode data(String fileId, UUID userId) {
        ObjectNode data = JSON.createObjectNode().put("fileId", fileId);
        if (userId != null) {
            data.put("userId", userId.toString());
        }
        return data;
    }

    /** Publishes and waits for the broker; returns the event id. */
    String publish(String type, String fileId, ObjectNode data) {
        String id = UUID.randomUUID().toString();
        ObjectNode event = JSON.createObjectNode()
                .put("specversion", "1.0")
                .put("id", id)
                .put("source", SOURCE)
                .put("type", type)
                .put("time", Instant.now().toString())
                .put("subject", fileId)
                .put("datacontenttype", "application/json");
        event.set("data", data);
        ProducerRecord<String, byte[]> record =
                new ProducerRecord<>(topics.fileEvents(), fileId, JSON.writeValueAsBytes(event));
        record.headers().add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
        try {
            kafka.send(record).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not publish " + type + " for " + fileId, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted publishing " + type, e);
        }
        return id;
    }
}
