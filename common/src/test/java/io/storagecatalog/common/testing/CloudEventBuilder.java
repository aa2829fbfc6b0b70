package io.storagecatalog.common.testing;

import io.storagecatalog.common.event.EventId;
import io.storagecatalog.common.event.RawRecord;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds one CloudEvent of {@code storage.file-events} as a Kafka record, in structured or binary
 * mode. Starts valid (see the factories of {@link TestEvents}); every setter changes one thing, so a
 * test states only what it is about. Attributes set to null are left out, to test their absence.
 */
public final class CloudEventBuilder {

    public static final String DEFAULT_TOPIC = "storage.file-events";
    public static final String STRUCTURED_CONTENT_TYPE = "application/cloudevents+json";
    public static final String JSON_CONTENT_TYPE = "application/json";

    private final JsonMapper json;
    private final ObjectNode data;
    private final Map<String, Object> extraAttributes = new LinkedHashMap<>();
    private final Map<String, String> headerOverrides = new LinkedHashMap<>();
    private String specversion = "1.0";
    private String id = UUID.randomUUID().toString();
    private String source = "/storage-api";
    private String type;
    private String time = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
    private String subject;
    private boolean keyExplicit;
    private String key;
    private String topic = DEFAULT_TOPIC;
    private int partition;
    private long offset;
    private Instant timestamp = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    CloudEventBuilder(JsonMapper json, String type) {
        this.json = json;
        this.type = type;
        this.data = json.createObjectNode();
    }

    // ---- context attributes

    /** {@code specversion}, "1.0" unless changed; null leaves it out. */
    public CloudEventBuilder specversion(String specversion) {
        this.specversion = specversion;
        return this;
    }

    /** {@code id}, a random uuid unless changed; null leaves it out. */
    public CloudEventBuilder id(String id) {
        this.id = id;
        return this;
    }

    /** {@code source}, {@code /storage-api} unless changed; null leaves it out. */
    public CloudEventBuilder source(String source) {
        this.source = source;
        return this;
    }

    /** {@code type}; null leaves it out. */
    public CloudEventBuilder type(String type) {
        this.type = type;
        return this;
    }

    /** {@code time}, the moment of building unless changed. */
    public CloudEventBuilder time(Instant time) {
        this.time = Objects.requireNonNull(time, "time").toString();
        return this;
    }

    /** {@code time} as written, to test RFC 3339 forms (offsets, lower case) and bad values. */
    public CloudEventBuilder time(String rfc3339) {
        this.time = Objects.requireNonNull(rfc3339, "rfc3339");
        return this;
    }

    /** Leaves {@code time} out: the record timestamp stands for it. */
    public CloudEventBuilder noTime() {
        this.time = null;
        return this;
    }

    /** {@code subject}, absent unless set; null leaves it out. */
    public CloudEventBuilder subject(String subject) {
        this.subject = subject;
        return this;
    }

    /**
     * Another context attribute (an extension, {@code datacontenttype}, {@code data_base64}...): a
     * member of the structured envelope (null is JSON null), a {@code ce_} header in binary mode
     * (null leaves the header out).
     */
    public CloudEventBuilder attribute(String name, Object value) {
        extraAttributes.put(name, value);
        return this;
    }

    // ---- data

    /** {@code data.fileId}; the record key follows it unless {@link #key} was set. */
    public CloudEventBuilder fileId(String fileId) {
        return data("fileId", fileId);
    }

    /** {@code data.userId}: the acting user (the owner, for an upload); null for JSON null. */
    public CloudEventBuilder userId(UUID userId) {
        return data("userId", userId == null ? null : userId.toString());
    }

    /** {@code data.status}: success, failed or pending. */
    public CloudEventBuilder status(String status) {
        return data("status", status);
    }

    /**
     * Sets one field of {@code data}.
     *
     * @param value a String, Number, Boolean, List, Map (nested as JSON) or null (JSON null)
     */
    public CloudEventBuilder data(String field, Object value) {
        if (value == null) {
            data.putNull(field);
        } else {
            data.set(field, json.valueToTree(value));
        }
        return this;
    }

    /** Removes a field of {@code data}. */
    public CloudEventBuilder without(String field) {
        data.remove(field);
        return this;
    }

    // ---- the Kafka record

    /** The record key; the routing key of the data unless set. Null sends no key. */
    public CloudEventBuilder key(String key) {
        this.key = key;
        this.keyExplicit = true;
        return this;
    }

    /** A record header, set over the generated ones; null removes it. The name is lower-cased. */
    public CloudEventBuilder header(String name, String value) {
        headerOverrides.put(name.toLowerCase(Locale.ROOT), value);
        return this;
    }

    public CloudEventBuilder topic(String topic) {
        this.topic = topic;
        return this;
    }

    public CloudEventBuilder partition(int partition) {
        this.partition = partition;
        return this;
    }

    public CloudEventBuilder offset(long offset) {
        this.offset = offset;
        return this;
    }

    /** The record timestamp, the moment of building unless changed. */
    public CloudEventBuilder timestamp(Instant timestamp) {
        this.timestamp = Objects.requireNonNull(timestamp, "timestamp");
        return this;
    }

    // ---- results

    /** Structured mode: the whole event as the value, {@code content-type: application/cloudevents+json}. */
    public RawRecord structured() {
        return structuredWithValue(json.writeValueAsBytes(structuredJson()));
    }

    /** Structured mode's key and headers with another value (malformed JSON, an edited envelope). */
    public RawRecord structuredWithValue(byte[] value) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", STRUCTURED_CONTENT_TYPE);
        return record(headers, value);
    }

    /** Binary mode: {@code data} as the value, attributes in {@code ce_} headers. */
    public RawRecord binary() {
        return binaryWithValue(json.writeValueAsBytes(data));
    }

    /** Binary mode's key and headers with another value (malformed JSON, no value at all). */
    public RawRecord binaryWithValue(byte[] value) {
        Map<String, String> headers = new LinkedHashMap<>();
        putIfNotNull(headers, "ce_specversion", specversion);
        putIfNotNull(headers, "ce_id", id);
        putIfNotNull(headers, "ce_source", source);
        putIfNotNull(headers, "ce_type", type);
        putIfNotNull(headers, "ce_time", time);
        putIfNotNull(headers, "ce_subject", subject);
        extraAttributes.forEach((name, attribute) -> putIfNotNull(
                headers, "ce_" + name.toLowerCase(Locale.ROOT), attribute == null ? null : String.valueOf(attribute)));
        headers.put("content-type", JSON_CONTENT_TYPE);
        return record(headers, value);
    }

    /** The structured-mode envelope, a fresh copy to edit. */
    public ObjectNode structuredJson() {
        ObjectNode envelope = json.createObjectNode();
        putIfNotNull(envelope, "specversion", specversion);
        putIfNotNull(envelope, "id", id);
        putIfNotNull(envelope, "source", source);
        putIfNotNull(envelope, "type", type);
        putIfNotNull(envelope, "time", time);
        putIfNotNull(envelope, "subject", subject);
        envelope.put("datacontenttype", JSON_CONTENT_TYPE);
        extraAttributes.forEach((name, attribute) ->
                envelope.set(name, attribute == null ? envelope.nullNode() : json.valueToTree(attribute)));
        envelope.set("data", data.deepCopy());
        return envelope;
    }

    /** {@code data.fileId}, or null when absent or not a string. */
    public String fileId() {
        return text(data.get("fileId"));
    }

    /** {@code data.userId}, or null when absent. */
    public UUID userId() {
        String userId = text(data.get("userId"));
        return userId == null ? null : UUID.fromString(userId);
    }

    /** The identity the event will have: source and id. */
    public EventId eventId() {
        return new EventId(source, id);
    }

    /** The record key the contract prescribes for this data: fileId, or {@code entityType:entityId}. */
    public String routingKey() {
        String fileId = fileId();
        if (fileId != null) {
            return fileId;
        }
        String entityType = text(data.get("entityType"));
        String entityId = text(data.get("entityId"));
        return entityType == null || entityId == null ? null : entityType + ':' + entityId;
    }

    private RawRecord record(Map<String, String> headers, byte[] value) {
        headerOverrides.forEach((name, header) -> {
            if (header == null) {
                headers.remove(name);
            } else {
                headers.put(name, header);
            }
        });
        return new RawRecord(topic, partition, offset, keyExplicit ? key : routingKey(), headers, value, timestamp);
    }

    private static void putIfNotNull(Map<String, String> headers, String name, String value) {
        if (value != null) {
            headers.put(name, value);
        }
    }

    private static void putIfNotNull(ObjectNode node, String name, String value) {
        if (value != null) {
            node.put(name, value);
        }
    }

    private static String text(JsonNode node) {
        return node != null && node.isString() ? node.asString() : null;
    }
}
