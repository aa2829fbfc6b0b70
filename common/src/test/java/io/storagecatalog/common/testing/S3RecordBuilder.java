package io.storagecatalog.common.testing;

import io.storagecatalog.common.event.RawRecord;
import java.net.URLConnection;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds one S3 bucket notification as MinIO's Kafka target writes it ({@code EventName}, {@code Key},
 * {@code Records}), or as AWS does ({@link #awsStyle()}). Removals carry no size, eTag, content type
 * or user metadata, as in MinIO.
 */
public final class S3RecordBuilder {

    public static final String DEFAULT_TOPIC = "storage.s3-notifications";

    /** Sequencers of one JVM grow with each builder made, as they do for one object in MinIO. */
    private static final AtomicLong SEQUENCER =
            new AtomicLong(0x17E0_0000_0000_0000L + ThreadLocalRandom.current().nextLong(1L << 48));

    private final JsonMapper json;
    private final String eventName;
    private final String bucket;
    private final String encodedKey;
    private final Map<String, String> userMetadata = new LinkedHashMap<>();
    private final Set<String> removedObjectFields = new HashSet<>();
    private long size = ThreadLocalRandom.current().nextLong(1_000, 50_000_000);
    private String eTag = TestEvents.randomHex(16);
    private String contentType;
    private boolean contentTypeExplicit;
    private String versionId;
    private String sequencer = String.format("%016X", SEQUENCER.incrementAndGet());
    private String principalId = "minio-user";
    private String sourceIp = "10.0.12.7";
    private Instant eventTime = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private boolean aws;
    private String topic = DEFAULT_TOPIC;
    private int partition;
    private long offset;
    private Instant timestamp = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    S3RecordBuilder(JsonMapper json, String eventName, String bucket, String encodedKey) {
        this.json = json;
        this.eventName = Objects.requireNonNull(eventName, "eventName");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        this.encodedKey = Objects.requireNonNull(encodedKey, "encodedKey");
        String guessed = URLConnection.guessContentTypeFromName(decodedKey());
        this.contentType = guessed == null ? "application/octet-stream" : guessed;
    }

    public S3RecordBuilder size(long size) {
        this.size = size;
        return this;
    }

    public S3RecordBuilder eTag(String eTag) {
        this.eTag = eTag;
        return this;
    }

    public S3RecordBuilder contentType(String contentType) {
        this.contentType = contentType;
        this.contentTypeExplicit = true;
        return this;
    }

    /** The object version (versioned buckets only); absent unless set. */
    public S3RecordBuilder versionId(String versionId) {
        this.versionId = versionId;
        return this;
    }

    /** Hexadecimal; by default 16 digits, larger for each builder made. */
    public S3RecordBuilder sequencer(String sequencer) {
        this.sequencer = sequencer;
        return this;
    }

    /** One entry of {@code s3.object.userMetadata}, e.g. {@code X-Amz-Meta-Owner-Id}. */
    public S3RecordBuilder userMetadata(String name, String value) {
        userMetadata.put(name, value);
        return this;
    }

    /** {@code userIdentity.principalId}: the access key that acted, {@code minio-user} by default. */
    public S3RecordBuilder principalId(String principalId) {
        this.principalId = principalId;
        return this;
    }

    public S3RecordBuilder eventTime(Instant eventTime) {
        this.eventTime = Objects.requireNonNull(eventTime, "eventTime");
        return this;
    }

    /** Removes a field of {@code s3.object} ({@code size}, {@code eTag}, {@code sequencer}...). */
    public S3RecordBuilder without(String objectField) {
        removedObjectFields.add(objectField);
        return this;
    }

    /**
     * The AWS format instead: the value is only {@code {"Records": [...]}}, the event name has no
     * {@code s3:} prefix, the source is {@code aws:s3}; there is no content type nor user metadata
     * unless set.
     */
    public S3RecordBuilder awsStyle() {
        this.aws = true;
        return this;
    }

    public S3RecordBuilder topic(String topic) {
        this.topic = topic;
        return this;
    }

    public S3RecordBuilder partition(int partition) {
        this.partition = partition;
        return this;
    }

    public S3RecordBuilder offset(long offset) {
        this.offset = offset;
        return this;
    }

    public S3RecordBuilder timestamp(Instant timestamp) {
        this.timestamp = Objects.requireNonNull(timestamp, "timestamp");
        return this;
    }

    /** The record, keyed {@code bucket/decodedKey} as MinIO keys it. */
    public RawRecord record() {
        return recordWithValue(json.writeValueAsBytes(json()));
    }

    /** This record's topic, key and timestamp with another value (an edited or broken notification). */
    public RawRecord recordWithValue(byte[] value) {
        return new RawRecord(topic, partition, offset, fileId(), Map.of(), value, timestamp);
    }

    /** The notification as JSON, a fresh copy to edit. */
    public ObjectNode json() {
        String name = eventName.startsWith("s3:") ? eventName.substring(3) : eventName;
        boolean removal = name.startsWith("ObjectRemoved:");
        ObjectNode object = json.createObjectNode().put("key", encodedKey);
        if (!removal) {
            object.put("size", size).put("eTag", eTag);
            if (!aws || contentTypeExplicit) {
                object.put("contentType", contentType);
            }
            Map<String, String> metadata = new LinkedHashMap<>();
            if (!aws) {
                metadata.put("content-type", contentType);
            }
            metadata.putAll(userMetadata);
            if (!metadata.isEmpty()) {
                object.set("userMetadata", json.valueToTree(metadata));
            }
        }
        if (versionId != null) {
            object.put("versionId", versionId);
        }
        object.put("sequencer", sequencer);
        removedObjectFields.forEach(object::remove);

        ObjectNode s3 = json.createObjectNode().put("s3SchemaVersion", "1.0").put("configurationId", "Config");
        s3.putObject("bucket")
                .put("name", bucket)
                .put("arn", "arn:aws:s3:::" + bucket)
                .putObject("ownerIdentity")
                .put("principalId", principalId);
        s3.set("object", object);

        ObjectNode item = json.createObjectNode()
                .put("eventVersion", aws ? "2.1" : "2.0")
                .put("eventSource", aws ? "aws:s3" : "minio:s3")
                .put("awsRegion", aws ? "us-east-1" : "")
                .put("eventTime", eventTime.toString())
                .put("eventName", aws ? name : eventName);
        item.putObject("userIdentity").put("principalId", principalId);
        item.putObject("requestParameters")
                .put("principalId", principalId)
                .put("region", aws ? "us-east-1" : "")
                .put("sourceIPAddress", sourceIp);
        item.putObject("responseElements")
                .put("x-amz-request-id", TestEvents.randomHex(8).toUpperCase(Locale.ROOT));
        item.set("s3", s3);
        if (!aws) {
            item.putObject("source")
                    .put("host", sourceIp)
                    .put("port", "")
                    .put("userAgent", "MinIO (linux; amd64) minio-go/v7.0.70");
        }

        ObjectNode root = json.createObjectNode();
        if (!aws) {
            root.put("EventName", eventName).put("Key", fileId());
        }
        root.putArray("Records").add(item);
        return root;
    }

    /** {@code bucket/decodedKey}: the fileId the catalog gives the object. */
    public String fileId() {
        return bucket + '/' + decodedKey();
    }

    public String sequencer() {
        return sequencer;
    }

    /** The key decoded as S3 encodes it; as given when it does not decode (to test bad encodings). */
    private String decodedKey() {
        try {
            return URLDecoder.decode(encodedKey, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return encodedKey;
        }
    }
}
