package io.storagecatalog.common.audit;

import io.storagecatalog.common.s3.ObjectStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Archived audit segments in the object store: {@code audit-archive/<first>-<last>.ndjson.gz} (one
 * row a line, every column, hashes in hex) and its manifest {@code .manifest.json} (row range, row
 * count, the hash the first row links to, the last row's hash, SHA-256 of the segment). A segment can
 * be verified on its own: its checksum, and the chain inside it from the manifest's first link.
 */
public class AuditArchive {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final HexFormat HEX = HexFormat.of();
    private static final String PREFIX = "audit-archive/";

    private final ObjectStore store;
    private final String bucket;

    public AuditArchive(ObjectStore store, String bucket) {
        this.store = store;
        this.bucket = bucket;
    }

    /** What describes a stored segment. */
    public record Manifest(
            long firstSeq,
            long lastSeq,
            long rowCount,
            byte[] firstPrevHash,
            byte[] lastRowHash,
            String sha256,
            String segmentKey) {}

    /** The result of verifying a stored segment on its own. */
    public record SegmentCheck(boolean intact, String detail) {}

    /** Archives consecutive chain rows and verifies the upload; returns the manifest's key. */
    public String archive(List<AuditRow> rows) {
        AuditRow first = rows.get(0);
        AuditRow last = rows.get(rows.size() - 1);
        byte[] segment = gzip(rows);
        String name = PREFIX + String.format("%020d-%020d", first.seq(), last.seq());
        Manifest manifest = new Manifest(
                first.seq(),
                last.seq(),
                rows.size(),
                first.prevHash(),
                last.rowHash(),
                sha256(segment),
                name + ".ndjson.gz");
        store.ensureBucket(bucket);
        store.put(bucket, manifest.segmentKey(), segment, "application/gzip");
        String manifestKey = name + ".manifest.json";
        store.put(bucket, manifestKey, manifestJson(manifest), "application/json");
        // The rows are deleted only after the store demonstrably holds them, byte for byte.
        if (!sha256(store.get(bucket, manifest.segmentKey())).equals(manifest.sha256())) {
            throw new IllegalStateException("archived segment " + manifest.segmentKey() + " does not read back intact");
        }
        return bucket + "/" + manifestKey;
    }

    /** Verifies a stored segment on its own: checksum, row count, and the chain from the manifest's link. */
    public SegmentCheck verify(String manifestKey) {
        JsonNode m = JSON.readTree(store.get(bucket, manifestKey));
        byte[] segment = store.get(bucket, m.get("segmentKey").asString());
        if (!sha256(segment).equals(m.get("sha256").asString())) {
            return new SegmentCheck(false, "the segment's SHA-256 differs from its manifest");
        }
        byte[] previous = HEX.parseHex(m.get("firstPrevHash").asString());
        long expectedSeq = m.get("firstSeq").asLong();
        long count = 0;
        for (String line : gunzip(segment).split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            AuditRow row = fromJson(JSON.readTree(line));
            if (row.seq() != expectedSeq
                    || !Arrays.equals(row.prevHash(), previous)
                    || !Arrays.equals(AuditHashing.hash(previous, row), row.rowHash())) {
                return new SegmentCheck(
                        false, "row " + row.seq() + " does not verify (expected position " + expectedSeq + ")");
            }
            previous = row.rowHash();
            expectedSeq++;
            count++;
        }
        if (count != m.get("rowCount").asLong()
                || !Arrays.equals(previous, HEX.parseHex(m.get("lastRowHash").asString()))) {
            return new SegmentCheck(false, "the segment ends differently from its manifest");
        }
        return new SegmentCheck(true, count + " rows verify");
    }

    private static byte[] gzip(List<AuditRow> rows) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            for (AuditRow row : rows) {
                out.write(JSON.writeValueAsBytes(toJson(row)));
                out.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static String gunzip(byte[] segment) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(segment))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("segment is not valid gzip", e);
        }
    }

    private static ObjectNode toJson(AuditRow row) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", row.id().toString())
                .put("seq", row.seq())
                .put("fileId", row.fileId())
                .put("operation", row.operation())
                .put("status", row.status())
                .put("provider", row.provider())
                .put("bytesTransferred", row.bytesTransferred())
                .put("durationMs", row.durationMs())
                .put("clientIp", row.clientIp())
                .put("userAgent", row.userAgent())
                .put("userId", row.userId() == null ? null : row.userId().toString())
                .put("sessionId", row.sessionId())
                .put("correlationId", row.correlationId())
                .put("errorCode", row.errorCode())
                .put("errorMessage", row.errorMessage())
                .put("errorDetails", row.errorDetailsJson())
                .put("purpose", row.purpose())
                .put("metadata", row.metadataJson())
                .put("createdAt", row.createdAt().toString())
                .put("eventSource", row.eventSource())
                .put("eventId", row.eventId())
                .put("eventType", row.eventType())
                .put("recordedAt", row.recordedAt().toString())
                .put("prevHash", HEX.formatHex(row.prevHash()))
                .put("rowHash", HEX.formatHex(row.rowHash()));
        return node;
    }

    private static AuditRow fromJson(JsonNode n) {
        return new AuditRow(
                UUID.fromString(text(n, "id")),
                n.get("seq").asLong(),
                text(n, "fileId"),
                text(n, "operation"),
                text(n, "status"),
                text(n, "provider"),
                n.get("bytesTransferred").isNull()
                        ? null
                        : n.get("bytesTransferred").asLong(),
                n.get("durationMs").isNull() ? null : n.get("durationMs").asInt(),
                text(n, "clientIp"),
                text(n, "userAgent"),
                text(n, "userId") == null ? null : UUID.fromString(text(n, "userId")),
                text(n, "sessionId"),
                text(n, "correlationId"),
                text(n, "errorCode"),
                text(n, "errorMessage"),
                text(n, "errorDetails"),
                text(n, "purpose"),
                text(n, "metadata"),
                Instant.parse(text(n, "createdAt")),
                text(n, "eventSource"),
                text(n, "eventId"),
                text(n, "eventType"),
                Instant.parse(text(n, "recordedAt")),
                HEX.parseHex(text(n, "prevHash")),
                HEX.parseHex(text(n, "rowHash")));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    private static byte[] manifestJson(Manifest manifest) {
        return JSON.writeValueAsBytes(JSON.createObjectNode()
                .put("firstSeq", manifest.firstSeq())
                .put("lastSeq", manifest.lastSeq())
                .put("rowCount", manifest.rowCount())
                .put("firstPrevHash", HEX.formatHex(manifest.firstPrevHash()))
                .put("lastRowHash", HEX.formatHex(manifest.lastRowHash()))
                .put("sha256", manifest.sha256())
                .put("segmentKey", manifest.segmentKey()));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
