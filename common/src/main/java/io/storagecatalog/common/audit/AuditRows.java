package io.storagecatalog.common.audit;

import io.storagecatalog.common.event.AuditContext;
import io.storagecatalog.common.event.CatalogCommand;
import io.storagecatalog.common.event.CatalogEvent;
import java.time.Instant;
import java.util.UUID;

/** What the audit trail records of an event. */
public final class AuditRows {

    private AuditRows() {}

    /**
     * The event's row, not yet chained. Its file is the event's fileId (for a quota event, the quota's
     * key); times are kept at microseconds, as PostgreSQL stores them.
     */
    public static AuditRow of(CatalogEvent event, Instant recordedAt) {
        AuditContext audit = event.audit();
        return new AuditRow(
                UUID.randomUUID(),
                0,
                0,
                fileOf(event),
                event.operation().dbValue(),
                audit.status().dbValue(),
                audit.provider() != null ? audit.provider() : providerOf(event.command()),
                audit.bytesTransferred(),
                audit.durationMs(),
                audit.clientIp(),
                audit.userAgent(),
                audit.userId(),
                audit.sessionId(),
                audit.correlationId(),
                audit.errorCode(),
                audit.errorMessage(),
                audit.errorDetailsJson(),
                audit.purpose(),
                audit.metadataJson(),
                AuditHashing.truncate(event.time()),
                event.id().source(),
                event.id().id(),
                event.operation().ceType(),
                AuditHashing.truncate(recordedAt),
                null,
                null);
    }

    private static String fileOf(CatalogEvent event) {
        return event.fileId() != null ? event.fileId() : event.command().routingKey();
    }

    private static String providerOf(CatalogCommand command) {
        return command instanceof CatalogCommand.Upload upload ? upload.provider() : null;
    }
}
