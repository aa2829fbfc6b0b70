package io.storagecatalog.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import io.storagecatalog.common.event.CatalogEvent;
import io.storagecatalog.common.event.EventContract;
import io.storagecatalog.common.event.EventContract.RecordFormat;
import io.storagecatalog.common.event.InvalidEventException;
import io.storagecatalog.common.event.RawRecord;
import io.storagecatalog.common.testing.MixedEvents;
import io.storagecatalog.common.testing.TestEvents;

/**
 * The stream of a scenario: a realistic mix of valid events of several owners, about 1% bad records,
 * and some valid uploads whose names carry quotes, semicolons and other metacharacters (valid names,
 * to be stored verbatim). Knows what it holds: the valid events in publication order and the bad
 * records.
 */
final class FaultStream {

    static final List<String> HOSTILE_NAMES = List.of("O'Brien; DROP TABLE storage_files;--.pdf",
            "\" OR \"1\"=\"1.pdf", "%s%n%x {{7*7}} ${jndi:ldap:x}.pdf", "Robert'); DELETE FROM storage_quotas;--.txt",
            "名前 'テスト' ~!@#$%^&*()_+=.pdf", "<img src=x onerror=alert(1)>.html");

    private final List<RawRecord> records = new ArrayList<>();
    private final List<CatalogEvent> validEvents = new ArrayList<>();
    private final List<RawRecord> badRecords = new ArrayList<>();

    FaultStream(long seed, int events) {
        Random random = new Random(seed);
        MixedEvents mixed = new MixedEvents(seed, 12);
        BadRecords bad = new BadRecords(random);
        EventContract contract = new EventContract();
        while (records.size() < events) {
            int dice = random.nextInt(1000);
            if (dice < 10) {
                RawRecord record = bad.next();
                requireRejected(contract, record);
                badRecords.add(record);
                records.add(record);
                continue;
            }
            RawRecord record = dice < 15 ? hostileName(random) : mixed.next(1).get(0);
            validEvents.addAll(contract.parse(record, RecordFormat.CLOUD_EVENTS));
            records.add(record);
        }
    }

    private static RawRecord hostileName(Random random) {
        String name = HOSTILE_NAMES.get(random.nextInt(HOSTILE_NAMES.size()));
        return TestEvents.upload().id(UUID.randomUUID().toString()).userId(new UUID(7, random.nextInt(4)))
                .data("filename", name).structured();
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
