package io.storagecatalog.common.kafka;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What of a bad record goes to a dead-letter topic. A dead letter must never fail to be sent, or the
 * batch behind it could never commit: a record too large to copy whole (over {@link #MAX_WHOLE_BYTES},
 * below any broker's and producer's default message limit) goes as its size, its SHA-256 and where it
 * came from, without its value, key or headers. And a dead letter must not keep a password: a share
 * that carried one in clear (or a hash that was none) is copied without it.
 */
public final class DeadLetterCopy {

    /** Largest record (key, value and headers) copied whole. */
    public static final int MAX_WHOLE_BYTES = 512 * 1024;
    /** The SHA-256 of the original value, in hex, on a copy whose value was left out or changed. */
    public static final String VALUE_SHA256_HEADER = "storage-catalog-dlt-value-sha256";
    /** The size of an omitted value, in bytes. */
    public static final String VALUE_BYTES_HEADER = "storage-catalog-dlt-value-bytes";
    /** What was left out of the copy: {@code value, key, headers} or {@code password}. */
    public static final String OMITTED_HEADER = "storage-catalog-dlt-omitted";

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final byte[] PASSWORD = "password".getBytes(StandardCharsets.US_ASCII);

    private DeadLetterCopy() {}

    /** The record as it may be dead-lettered: whole, without its passwords, or as its fingerprint. */
    public static ConsumerRecord<String, byte[]> of(ConsumerRecord<String, byte[]> record) {
        if (size(record) > MAX_WHOLE_BYTES) {
            RecordHeaders headers = new RecordHeaders();
            byte[] value = record.value() == null ? new byte[0] : record.value();
            headers.add(VALUE_SHA256_HEADER, sha256(value).getBytes(StandardCharsets.US_ASCII));
            headers.add(VALUE_BYTES_HEADER, Integer.toString(value.length).getBytes(StandardCharsets.US_ASCII));
            headers.add(OMITTED_HEADER, "value, key, headers".getBytes(StandardCharsets.US_ASCII));
            return copy(record, null, null, headers);
        }
        if (record.value() != null && contains(record.value(), PASSWORD)) {
            byte[] without = withoutPasswords(record.value());
            if (without != record.value()) {
                RecordHeaders headers = new RecordHeaders(record.headers().toArray());
                headers.add(VALUE_SHA256_HEADER, sha256(record.value()).getBytes(StandardCharsets.US_ASCII));
                headers.add(OMITTED_HEADER, "password".getBytes(StandardCharsets.US_ASCII));
                return copy(record, record.key(), without, headers);
            }
        }
        return record;
    }

    private static ConsumerRecord<String, byte[]> copy(
            ConsumerRecord<String, byte[]> record, String key, byte[] value, RecordHeaders headers) {
        return new ConsumerRecord<>(
                record.topic(),
                record.partition(),
                record.offset(),
                record.timestamp(),
                record.timestampType(),
                key == null ? -1 : key.length(),
                value == null ? -1 : value.length,
                key,
                value,
                headers,
                record.leaderEpoch());
    }

    static long size(ConsumerRecord<String, byte[]> record) {
        long size = record.value() == null ? 0 : record.value().length;
        size += record.key() == null ? 0 : record.key().getBytes(StandardCharsets.UTF_8).length;
        for (Header header : record.headers()) {
            size += header.key().length() + (header.value() == null ? 0 : header.value().length);
        }
        return size;
    }

    // The value without a share's password fields (structured mode: data.password; binary mode: the value
    // is the data); a value that cannot be read is left out whole, since it may hold one.
    private static byte[] withoutPasswords(byte[] value) {
        JsonNode root;
        try {
            root = JSON.readTree(value);
        } catch (JacksonException e) {
            return new byte[0];
        }
        if (!(root instanceof ObjectNode object)) {
            return new byte[0];
        }
        boolean removed = removePasswords(object);
        if (object.get("data") instanceof ObjectNode data) {
            removed |= removePasswords(data);
        }
        return removed ? JSON.writeValueAsBytes(object) : value;
    }

    private static boolean removePasswords(ObjectNode node) {
        // Both removed, whatever the first one found.
        boolean password = node.remove("password") != null;
        boolean hash = node.remove("passwordHash") != null;
        return password || hash;
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    static String sha256(byte[] value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }
}
