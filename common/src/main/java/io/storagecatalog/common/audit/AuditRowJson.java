package io.storagecatalog.common.audit;

import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** An audit row as JSON, every column (hashes in hex): the archive's lines and the row of an inclusion proof. */
final class AuditRowJson {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final HexFormat HEX = HexFormat.of();

    private AuditRowJson() {}

    static ObjectNode toJson(AuditRow row) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", row.id().toString())
                .put("chain", row.chain())
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

    static AuditRow fromJson(JsonNode n) {
        return new AuditRow(
                UUID.fromString(text(n, "id")),
                n.has("chain") ? n.get("chain").asInt() : 0,
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
}
