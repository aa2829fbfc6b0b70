package io.storagecatalog.common.event;

import java.util.List;

/**
 * The public event contract: turns a Kafka record of either input topic into validated events, or
 * rejects it with an {@link InvalidEventException} that names the field and the problem.
 */
public final class EventContract {

    /** Default limit on a record's value: 1 MiB. */
    public static final int DEFAULT_MAX_RECORD_BYTES = 1024 * 1024;

    private final int maxRecordBytes;
    private final CloudEventParser cloudEvents;
    private final S3NotificationParser s3Notifications;

    public EventContract() {
        this(DEFAULT_MAX_RECORD_BYTES);
    }

    public EventContract(int maxRecordBytes) {
        if (maxRecordBytes <= 0) {
            throw new IllegalArgumentException("maxRecordBytes must be positive, was " + maxRecordBytes);
        }
        this.maxRecordBytes = maxRecordBytes;
        JsonDocuments json = new JsonDocuments();
        this.cloudEvents = new CloudEventParser(json);
        this.s3Notifications = new S3NotificationParser(json);
    }

    /**
     * @param format how the record's topic is encoded
     * @return the events of the record: one for a CloudEvent; one per record of an S3 notification
     *         (none for the S3 test event)
     * @throws InvalidEventException when the record breaks the contract
     */
    public List<CatalogEvent> parse(RawRecord record, RecordFormat format) {
        if (record.value() != null && record.value().length > maxRecordBytes) {
            throw new InvalidEventException(
                    "value",
                    "record of " + record.value().length + " bytes exceeds the limit of " + maxRecordBytes + " bytes",
                    RejectionReason.TOO_LARGE);
        }
        return switch (format) {
            case CLOUD_EVENTS -> List.of(cloudEvents.parse(record));
            case S3_NOTIFICATION -> s3Notifications.parse(record);
        };
    }

    /** How the records of a topic are encoded. */
    public enum RecordFormat {
        /** CloudEvents 1.0, structured or binary mode ({@code storage.file-events}). */
        CLOUD_EVENTS,
        /** MinIO / S3 bucket notifications ({@code storage.s3-notifications}). */
        S3_NOTIFICATION
    }
}
