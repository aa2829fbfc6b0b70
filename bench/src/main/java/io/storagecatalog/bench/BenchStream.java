package io.storagecatalog.bench;

import io.storagecatalog.common.event.EventContract.RecordFormat;
import io.storagecatalog.common.event.RawRecord;
import io.storagecatalog.common.testing.MixedEvents;
import io.storagecatalog.common.testing.RecordPublisher;
import io.storagecatalog.common.testing.S3RecordBuilder;
import io.storagecatalog.common.testing.TestEvents;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * The benchmark's stream: the upstream services' events of {@link MixedEvents} and, among them, a few
 * MinIO bucket notifications (one record in {@value #MINIO_EVERY}) of objects that other clients put
 * straight into a bucket: new objects, overwrites, reads and removals, each object's records in
 * sequencer order. The same seed gives the same events (identities, kinds, files, owners, times,
 * sizes), so that the ceilings and baselines replay the events the workers consumed; the services'
 * file names and checksums are drawn anew each time.
 */
final class BenchStream {

    static final int MINIO_EVERY = 50;
    static final String BUCKET = "ward-scans";

    private final MixedEvents events;
    private final Random random;
    private final List<UUID> owners = new ArrayList<>();
    private final List<String> liveObjects = new ArrayList<>();
    private long sequencer = 0x17E0_0000_0000_0000L;
    private long objectsCreated;
    private long records;
    private Instant clock = Instant.parse("2026-01-01T08:00:00Z");

    BenchStream(long seed, int ownerCount) {
        this.events = new MixedEvents(seed, ownerCount);
        this.random = new Random(seed);
        for (int i = 0; i < ownerCount; i++) {
            owners.add(new UUID(seed, i));
        }
    }

    /** The next {@code count} records, one event each, a millisecond to a second apart. */
    List<RawRecord> next(int count) {
        List<RawRecord> next = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            clock = clock.plusMillis(1 + random.nextInt(1000));
            next.add(next(clock));
        }
        return next;
    }

    /** The next record, its event happening at {@code time}. */
    RawRecord next(Instant time) {
        return ++records % MINIO_EVERY == 0 ? notification(time) : events.next(time);
    }

    /** How the workers read a record of this stream: by the topic it belongs on. */
    static RecordFormat formatOf(RawRecord record) {
        return isNotification(record) ? RecordFormat.S3_NOTIFICATION : RecordFormat.CLOUD_EVENTS;
    }

    /**
     * Publishes the records: the services' events to {@code topic}, MinIO's to {@code topic.s3} (the
     * topics the benchmark configures the workers with), each keeping its order.
     */
    static void publish(RecordPublisher publisher, String topic, List<RawRecord> records) {
        List<RawRecord> services = new ArrayList<>(records.size());
        List<RawRecord> minio = new ArrayList<>();
        records.forEach(record -> (isNotification(record) ? minio : services).add(record));
        publisher.publish(topic, services);
        if (!minio.isEmpty()) {
            publisher.publish(notificationTopic(topic), minio);
        }
    }

    static String notificationTopic(String topic) {
        return topic + ".s3";
    }

    private static boolean isNotification(RawRecord record) {
        return record.topic().equals(S3RecordBuilder.DEFAULT_TOPIC);
    }

    private RawRecord notification(Instant time) {
        int dice = random.nextInt(100);
        S3RecordBuilder record;
        if (liveObjects.isEmpty() || dice < 50) {
            // MinIO writes the key URL-encoded: "ward 3/scan-000012.dcm" as "ward+3%2Fscan-000012.dcm".
            String key = "ward+" + random.nextInt(12) + "%2Fscan-" + String.format("%06d", ++objectsCreated) + ".dcm";
            liveObjects.add(key);
            record = created(key)
                    .userMetadata(
                            "X-Amz-Meta-Owner-Id",
                            owners.get(random.nextInt(owners.size())).toString())
                    .userMetadata("X-Amz-Meta-Classification", "confidential");
        } else {
            int index = random.nextInt(liveObjects.size());
            String key = liveObjects.get(index);
            if (dice < 65) {
                record = created(key);
            } else if (dice < 88) {
                record = TestEvents.s3("s3:ObjectAccessed:Get", BUCKET, key).size(size());
            } else {
                liveObjects.set(index, liveObjects.get(liveObjects.size() - 1));
                liveObjects.remove(liveObjects.size() - 1);
                record = TestEvents.s3("s3:ObjectRemoved:Delete", BUCKET, key);
            }
        }
        // Set explicitly: the builder's own defaults are random and the stream must replay the same.
        return record.sequencer(String.format("%016X", ++sequencer))
                .eventTime(time)
                .timestamp(time)
                .principalId("scanner-" + random.nextInt(4))
                .record();
    }

    private S3RecordBuilder created(String key) {
        byte[] eTag = new byte[16];
        random.nextBytes(eTag);
        return TestEvents.s3("s3:ObjectCreated:Put", BUCKET, key)
                .size(size())
                .eTag(HexFormat.of().formatHex(eTag))
                .contentType("application/dicom");
    }

    private long size() {
        return 10_000 + random.nextInt(50_000_000);
    }
}
