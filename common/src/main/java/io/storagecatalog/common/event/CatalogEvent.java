package io.storagecatalog.common.event;

import java.time.Instant;
import java.util.Objects;

/**
 * One parsed and validated event: a CloudEvent of {@code storage.file-events} or one record of an S3
 * bucket notification.
 *
 * @param id        the event identity (duplicates share it)
 * @param operation what happened
 * @param time      when it happened (the event's {@code time}, else the record timestamp)
 * @param audit     the common fields for the audit trail
 * @param command   what the catalog must do (only when {@code audit.status} is success)
 * @param s3Order   ordering of an S3 notification among its object's events; null for CloudEvents
 * @param origin    where the record was read (topic, partition, offset), for errors and dead letters
 */
public record CatalogEvent(
        EventId id,
        Operation operation,
        Instant time,
        AuditContext audit,
        CatalogCommand command,
        S3Order s3Order,
        Origin origin) {

    public CatalogEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(audit, "audit");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(origin, "origin");
    }

    /** @return the fileId of a file event, or null for a quota event */
    public String fileId() {
        return command instanceof CatalogCommand.FileCommand file ? file.fileId() : null;
    }

    /** Where a record was read from. */
    public record Origin(String topic, int partition, long offset) {
        public static Origin of(RawRecord record) {
            return new Origin(record.topic(), record.partition(), record.offset());
        }
    }
}
