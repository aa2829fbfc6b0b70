package io.storagecatalog.faults;

import io.storagecatalog.common.event.CatalogEvent;
import io.storagecatalog.common.event.EventContract;
import io.storagecatalog.common.event.EventContract.RecordFormat;
import io.storagecatalog.common.event.InvalidEventException;
import io.storagecatalog.common.event.RawRecord;
import io.storagecatalog.common.testing.MixedEvents;
import io.storagecatalog.common.testing.S3RecordBuilder;
import io.storagecatalog.common.testing.TestEvents;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * The stream of a scenario: a realistic mix of valid events of several owners, about 1% bad records,
 * some objects announced both by their service and by the store's notifications, and some valid uploads whose names carry quotes, semicolons and other metacharacters (valid names,
 * to be stored verbatim). Knows what it holds: the valid events in publication order and the bad
 * records.
 */
final class FaultStream {

    static final List<String> HOSTILE_NAMES = List.of(
            "O'Brien; DROP TABLE storage_files;--.pdf",
            "\" OR \"1\"=\"1.pdf",
            "%s%n%x {{7*7}} ${jndi:ldap:x}.pdf",
            "Robert'); DELETE FROM storage_quotas;--.txt",
            "名前 'テスト' ~!@#$%^&*()_+=.pdf",
            "<img src=x onerror=alert(1)>.html");

    /** The bucket of the objects both sides announce. */
    static final String TWICE_BUCKET = "twice";

    private final List<RawRecord> records = new ArrayList<>();
    private final List<CatalogEvent> validEvents = new ArrayList<>();
    private final List<RawRecord> badRecords = new ArrayList<>();

    FaultStream(long seed, int events) {
        Random random = new Random(seed);
        MixedEvents mixed = new MixedEvents(seed, 12);
        BadRecords bad = new BadRecords(random);
        EventContract contract = new EventContract();
        // One owner of the objects announced twice has a quota every upload of theirs exceeds: notices to publish.
        UUID limited = new UUID(9, 0);
        add(
                contract,
                TestEvents.quotaSet()
                        .data("entityId", limited.toString())
                        .userId(limited)
                        .data("maxStorageBytes", 1)
                        .key("user:" + limited)
                        .structured());
        while (records.size() < events) {
            int dice = random.nextInt(1000);
            if (dice < 10) {
                RawRecord record = bad.next();
                requireRejected(contract, record);
                badRecords.add(record);
                records.add(record);
                continue;
            }
            if (dice < 40) {
                announcedTwice(random).forEach(twice -> add(contract, twice));
                continue;
            }
            add(contract, dice < 15 ? hostileName(random) : mixed.next(1).get(0));
        }
    }

    private void add(EventContract contract, RawRecord record) {
        validEvents.addAll(contract.parse(
                record, isNotification(record) ? RecordFormat.S3_NOTIFICATION : RecordFormat.CLOUD_EVENTS));
        records.add(record);
    }

    static boolean isNotification(RawRecord record) {
        return S3RecordBuilder.DEFAULT_TOPIC.equals(record.topic());
    }

    /**
     * One object announced by its uploading service and by the store, each also announcing one read of it,
     * in a random order of the two sides: one file, one version, one read (docs/ingest.md).
     */
    private static List<RawRecord> announcedTwice(Random random) {
        String key = "twice/" + UUID.randomUUID() + ".pdf";
        String fileId = TestEvents.randomFileId();
        UUID owner = new UUID(9, random.nextInt(4));
        long size = 1_000 + random.nextInt(1_000_000);
        List<RawRecord> service = List.of(
                TestEvents.upload()
                        .fileId(fileId)
                        .userId(owner)
                        .data("size", size)
                        .data("providerPath", TWICE_BUCKET + "/" + key)
                        .structured(),
                TestEvents.download().fileId(fileId).userId(owner).structured());
        List<RawRecord> store = List.of(
                TestEvents.s3("s3:ObjectCreated:Put", TWICE_BUCKET, key)
                        .size(size)
                        .record(),
                TestEvents.s3("s3:ObjectAccessed:Get", TWICE_BUCKET, key).record());
        List<RawRecord> both = new ArrayList<>();
        int s = 0;
        int u = 0;
        while (s < store.size() || u < service.size()) {
            boolean storeNext = u == service.size() || s < store.size() && random.nextBoolean();
            both.add(storeNext ? store.get(s++) : service.get(u++));
        }
        return both;
    }

    private static RawRecord hostileName(Random random) {
        String name = HOSTILE_NAMES.get(random.nextInt(HOSTILE_NAMES.size()));
        return TestEvents.upload()
                .id(UUID.randomUUID().toString())
                .userId(new UUID(7, random.nextInt(4)))
                .data("filename", name)
                .structured();
    }

    // The suite's expectations are only as good as its bad records: each must be one the contract rejects.
    private static void requireRejected(EventContract contract, RawRecord record) {
        try {
            contract.parse(record, RecordFormat.CLOUD_EVENTS);
        } catch (InvalidEventException expected) {
            return;
        }
        throw new IllegalStateException("a bad record of the fault stream is accepted by the contract: " + record);
    }

    List<RawRecord> records() {
        return records;
    }

    List<CatalogEvent> validEvents() {
        return validEvents;
    }

    List<RawRecord> badRecords() {
        return badRecords;
    }
}
