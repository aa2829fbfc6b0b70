package io.storagecatalog.common.audit;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The hash chain's arithmetic: a row's hash is SHA-256 over the previous row's hash and the row's
 * canonical content. The canonical content is defined here, once, for the writer and the verifier:
 * every column in a fixed order, each as a length-prefixed UTF-8 string (length -1 for null);
 * timestamps in ISO-8601 at microseconds (PostgreSQL's precision); JSON with object keys sorted and
 * numbers in plain decimal form, so that the text PostgreSQL returns from {@code jsonb} canonicalises
 * to the same bytes as the text written. The position ({@code seq}) is not part of the content: the
 * link to the previous hash fixes the order.
 */
public final class AuditHashing {

    /** The hash the first row of chain 0 links to. */
    public static final byte[] GENESIS = new byte[32];

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .build();

    private AuditHashing() {}

    /**
     * The hash a chain's first row links to: 32 zero bytes for chain 0 (the trail as it first was), and for
     * every other chain SHA-256 over its name, so that no two chains' first rows claim the same predecessor.
     */
    public static byte[] genesis(int chain) {
        return chain == 0
                ? GENESIS.clone()
                : sha256().digest(("storage-catalog audit chain " + chain).getBytes(StandardCharsets.UTF_8));
    }

    /** Timestamps are stored (and hashed) at microsecond precision, as PostgreSQL keeps them. */
    public static Instant truncate(Instant time) {
        return time == null ? null : time.truncatedTo(ChronoUnit.MICROS);
    }

    public static byte[] hash(byte[] previous, AuditRow row) {
        MessageDigest digest = sha256();
        digest.update(previous);
        digest.update(canonical(row));
        return digest.digest();
    }

    static byte[] canonical(AuditRow row) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        field(out, row.id() == null ? null : row.id().toString());
        field(out, row.fileId());
        field(out, row.operation());
        field(out, row.status());
        field(out, row.provider());
        field(
                out,
                row.bytesTransferred() == null ? null : row.bytesTransferred().toString());
        field(out, row.durationMs() == null ? null : row.durationMs().toString());
        field(out, row.clientIp());
        field(out, row.userAgent());
        field(out, row.userId() == null ? null : row.userId().toString());
        field(out, row.sessionId());
        field(out, row.correlationId());
        field(out, row.errorCode());
        field(out, row.errorMessage());
        field(out, canonicalJson(row.errorDetailsJson()));
        field(out, row.purpose());
        field(out, canonicalJson(row.metadataJson()));
        field(out, time(row.createdAt()));
        field(out, row.eventSource());
        field(out, row.eventId());
        field(out, row.eventType());
        field(out, time(row.recordedAt()));
        return out.toByteArray();
    }

    private static void field(ByteArrayOutputStream out, String value) {
        if (value == null) {
            writeInt(out, -1);
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        writeInt(out, bytes.length);
        out.writeBytes(bytes);
    }

    private static void writeInt(ByteArrayOutputStream out, int value) {
        out.write(value >>> 24);
        out.write(value >>> 16);
        out.write(value >>> 8);
        out.write(value);
    }

    private static String time(Instant time) {
        return time == null ? null : DateTimeFormatter.ISO_INSTANT.format(truncate(time));
    }

    /** JSON text in canonical form: keys sorted, no whitespace, numbers as plain decimals. */
    public static String canonicalJson(String json) {
        if (json == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(json.length());
        write(out, JSON.readTree(json));
        return out.toString();
    }

    private static void write(StringBuilder out, JsonNode node) {
        if (node.isObject()) {
            Map<String, JsonNode> sorted = new TreeMap<>();
            node.properties().forEach(e -> sorted.put(e.getKey(), e.getValue()));
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, JsonNode> entry : sorted.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                out.append(JSON.writeValueAsString(entry.getKey())).append(':');
                write(out, entry.getValue());
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(out, node.get(i));
            }
            out.append(']');
        } else if (node.isNumber()) {
            BigDecimal number = node.decimalValue().stripTrailingZeros();
            out.append(number.signum() == 0 ? "0" : number.toPlainString());
        } else {
            out.append(JSON.writeValueAsString(node));
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
