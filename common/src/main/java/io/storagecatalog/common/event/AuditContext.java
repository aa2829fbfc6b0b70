package io.storagecatalog.common.event;

import java.util.UUID;

/**
 * The common data fields that every event carries for the audit trail. JSON-valued fields are kept
 * as validated JSON text (an object), ready to bind as {@code jsonb}.
 *
 * @param userId           the acting user; for uploads the owner (may be null on events from
 *                         anonymous callers)
 * @param status           reported outcome; only {@link OperationStatus#SUCCESS} changes catalog state
 * @param errorDetailsJson JSON object text, or null
 * @param metadataJson     JSON object text, or null
 */
public record AuditContext(
        UUID userId,
        OperationStatus status,
        String provider,
        Long bytesTransferred,
        Integer durationMs,
        String clientIp,
        String userAgent,
        String sessionId,
        String correlationId,
        String purpose,
        String errorCode,
        String errorMessage,
        String errorDetailsJson,
        String metadataJson) {

    public AuditContext {
        if (status == null) {
            throw new IllegalArgumentException("status must not be null");
        }
    }

    public boolean succeeded() {
        return status == OperationStatus.SUCCESS;
    }
}
