package io.storagecatalog.common.audit;

import java.time.Instant;
import java.util.UUID;

/**
 * A row of {@code storage_operations}: one event on record. JSON columns are carried as JSON text.
 *
 * @param chain    the hash chain the row is in (0 before the row is appended)
 * @param seq      position in its chain (1, 2, 3, ...); 0 before the row is appended
 * @param prevHash the previous row's hash (32 bytes); null before the row is appended
 * @param rowHash  SHA-256 over {@code prevHash} and the row's canonical content; null before appended
 */
public record AuditRow(
        UUID id,
        int chain,
        long seq,
        String fileId,
        String operation,
        String status,
        String provider,
        Long bytesTransferred,
        Integer durationMs,
        String clientIp,
        String userAgent,
        UUID userId,
        String sessionId,
        String correlationId,
        String errorCode,
        String errorMessage,
        String errorDetailsJson,
        String purpose,
        String metadataJson,
        Instant createdAt,
        String eventSource,
        String eventId,
        String eventType,
        Instant recordedAt,
        byte[] prevHash,
        byte[] rowHash) {

    /** The same row at a position of a chain. */
    public AuditRow chained(int chainNumber, long position, byte[] previous, byte[] hash) {
        return new AuditRow(
                id,
                chainNumber,
                position,
                fileId,
                operation,
                status,
                provider,
                bytesTransferred,
                durationMs,
                clientIp,
                userAgent,
                userId,
                sessionId,
                correlationId,
                errorCode,
                errorMessage,
                errorDetailsJson,
                purpose,
                metadataJson,
                createdAt,
                eventSource,
                eventId,
                eventType,
                recordedAt,
                previous,
                hash);
    }

    public String eventKey() {
        return eventSource + ' ' + eventId;
    }
}
