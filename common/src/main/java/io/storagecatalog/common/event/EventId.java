package io.storagecatalog.common.event;

/**
 * The identity of an event: CloudEvents {@code source} + {@code id}; for S3 notifications a key
 * derived from the bucket, object key, version, sequencer and event name. Two events with equal
 * identities are the same event, delivered twice.
 */
public record EventId(String source, String id) {

    public EventId {
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("event source must not be blank");
        }
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("event id must not be blank");
        }
    }

    /** One string for the identity, unambiguous because a source never contains a space. */
    public String key() {
        return source + ' ' + id;
    }

    @Override
    public String toString() {
        return key();
    }
}
