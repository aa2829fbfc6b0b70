package io.storagecatalog.ingest.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.storagecatalog.common.catalog.QuotaRepository.UsageDelta;
import io.storagecatalog.common.catalog.ShareRow;
import io.storagecatalog.common.catalog.VersionRow;
import io.storagecatalog.common.event.CatalogEvent;
import io.storagecatalog.common.event.EventContract;
import io.storagecatalog.common.event.EventContract.RecordFormat;
import io.storagecatalog.common.event.InvalidEventException;
import io.storagecatalog.common.event.RawRecord;
import io.storagecatalog.common.event.RejectionReason;
import io.storagecatalog.common.testing.TestEvents;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The rules a batch applies in memory, without a database: what it would write is what it decided. */
@Tag("unit")
class CatalogBatchTest {

    private final EventContract contract = new EventContract();
    private final CatalogBatch batch = new CatalogBatch(Map.of(), Map.of(), new ProviderFacts());
    private final UUID owner = UUID.randomUUID();

    private EventOutcome apply(RawRecord record) {
        CatalogEvent event = contract.parse(record, RecordFormat.CLOUD_EVENTS).get(0);
        return batch.apply(event);
    }

    private EventOutcome applyNotification(RawRecord record) {
        return batch.apply(contract.parse(record, RecordFormat.S3_NOTIFICATION).get(0));
    }

    private long[] usageOf(UUID user) {
        return batch.writes().usage().stream()
                .filter(d -> d.entityId().equals(user.toString()))
                .map(d -> new long[] {d.bytes(), d.files()})
                .findFirst()
                .orElse(new long[] {0, 0});
    }

    @Test
    void chargesEveryVersionWhileLiveAndReleasesAllOnDelete() {
        String fileId = TestEvents.randomFileId();
        apply(TestEvents.upload().fileId(fileId).userId(owner).data("size", 100).structured());
        apply(TestEvents.upload().fileId(fileId).userId(owner).data("size", 50).structured());
        assertThat(usageOf(owner)).containsExactly(150, 1);

        apply(TestEvents.delete().fileId(fileId).userId(owner).structured());
        assertThat(usageOf(owner)).containsExactly(0, 0);
        apply(TestEvents.restore().fileId(fileId).userId(owner).structured());
        assertThat(usageOf(owner)).containsExactly(150, 1);

        List<VersionRow> versions = batch.writes().versions();
        assertThat(versions).extracting(VersionRow::versionNumber).containsExactly(1, 2);
        assertThat(versions).extracting(VersionRow::current).containsExactly(false, true);
    }

    @Test
    void aNewGrantReplacesTheRecipientsActiveShare() {
        String fileId = TestEvents.randomFileId();
        UUID recipient = UUID.randomUUID();
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        apply(TestEvents.upload().fileId(fileId).userId(owner).structured());
        apply(TestEvents.share()
                .fileId(fileId)
                .userId(owner)
                .data("shareId", first.toString())
                .data("sharedWith", recipient.toString())
                .structured());
        apply(TestEvents.share()
                .fileId(fileId)
                .userId(owner)
                .data("shareId", second.toString())
                .data("sharedWith", recipient.toString())
                .structured());

        assertThat(batch.writes().shares())
                .extracting(ShareRow::id, ShareRow::active)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(first, false),
                        org.assertj.core.groups.Tuple.tuple(second, true));
    }

    @Test
    void anOlderNotificationOfAnObjectIsStale() {
        String bucket = "scans";
        assertThat(applyNotification(TestEvents.s3("s3:ObjectCreated:Put", bucket, "a.dcm")
                        .size(10)
                        .sequencer("00000000000000B0")
                        .record()))
                .isEqualTo(EventOutcome.APPLIED);
        assertThat(applyNotification(TestEvents.s3("s3:ObjectRemoved:Delete", bucket, "a.dcm")
                        .sequencer("00000000000000A0")
                        .record()))
                .isEqualTo(EventOutcome.STALE);
        assertThat(batch.writes().files())
                .singleElement()
                .satisfies(f -> assertThat(f.row().status()).isEqualTo("active"));
    }

    @Test
    void oneObjectAnnouncedByBothSidesIsOneFileChargedToTheServicesOwner() {
        String fileId = TestEvents.randomFileId();
        applyNotification(TestEvents.s3("s3:ObjectCreated:Put", "catalog", "x/report.pdf")
                .size(700)
                .principalId("uploader")
                .record());
        apply(TestEvents.upload()
                .fileId(fileId)
                .userId(owner)
                .data("size", 700)
                .data("providerPath", "catalog/x/report.pdf")
                .structured());

        assertThat(batch.writes().files()).singleElement().satisfies(f -> {
            assertThat(f.row().fileId()).isEqualTo(fileId);
            assertThat(f.row().createdBy()).isEqualTo(owner);
            assertThat(f.announcements().upstreamVersions()).isEqualTo(1);
            assertThat(f.announcements().storeVersions()).isEqualTo(1);
        });
        assertThat(batch.writes().versions()).hasSize(1);
        assertThat(usageOf(owner)).containsExactly(700, 1);
        // The store's principal was charged and released in the same batch: nothing to write for it.
        assertThat(batch.writes().usage()).extracting(UsageDelta::entityId).containsExactly(owner.toString());
    }

    @Test
    void aRefusedEventChangesNothing() {
        String fileId = TestEvents.randomFileId();
        apply(TestEvents.upload().fileId(fileId).userId(owner).data("size", 100).structured());
        UUID stranger = UUID.randomUUID();

        for (RawRecord hostile : List.of(
                TestEvents.upload()
                        .fileId(fileId)
                        .userId(stranger)
                        .data("size", 999)
                        .structured(),
                TestEvents.delete().fileId(fileId).userId(stranger).structured(),
                TestEvents.move().fileId(fileId).userId(stranger).structured(),
                TestEvents.copy().userId(stranger).data("sourceFileId", fileId).structured(),
                TestEvents.share().fileId(fileId).userId(stranger).structured())) {
            assertThatThrownBy(() -> apply(hostile))
                    .isInstanceOf(InvalidEventException.class)
                    .extracting(e -> ((InvalidEventException) e).reason())
                    .isEqualTo(RejectionReason.FORBIDDEN);
        }

        assertThat(batch.writes().files()).singleElement().satisfies(f -> {
            assertThat(f.row().size()).isEqualTo(100);
            assertThat(f.row().status()).isEqualTo("active");
        });
        assertThat(batch.writes().shares()).isEmpty();
        assertThat(usageOf(owner)).containsExactly(100, 1);
        assertThat(usageOf(stranger)).containsExactly(0, 0);
    }

    @Test
    void theAnnouncementOfAGrantRevokedSinceChangesNothingAndADifferentGrantIsRefused() {
        String fileId = TestEvents.randomFileId();
        UUID recipient = UUID.randomUUID();
        UUID shareId = UUID.randomUUID();
        java.time.Instant granted = java.time.Instant.parse("2026-01-01T00:00:00Z");
        // The service wrote the share in its call and revoked it in another, before this worker saw either.
        ShareRow revoked = new ShareRow(
                shareId, fileId, owner, recipient, true, false, false, false, null, null, null, 0, false, granted,
                granted, null, null);
        CatalogBatch batch = new CatalogBatch(
                Map.of(),
                Map.of(),
                new ProviderFacts(),
                Map.of(shareId, revoked),
                (file, user) -> java.util.Optional.empty());
        batch.apply(
                contract.parse(TestEvents.upload().fileId(fileId).userId(owner).structured(), RecordFormat.CLOUD_EVENTS)
                        .get(0));

        RawRecord announcement = TestEvents.share()
                .fileId(fileId)
                .userId(owner)
                .data("shareId", shareId.toString())
                .data("sharedWith", recipient.toString())
                .data("canRead", true)
                .data("canWrite", false)
                .data("canDelete", false)
                .data("canShare", false)
                .without("expiresAt")
                .without("passwordHash")
                .without("maxDownloads")
                .structured();
        batch.apply(contract.parse(announcement, RecordFormat.CLOUD_EVENTS).get(0));
        assertThat(batch.writes().shares()).as("stays revoked, nothing written").isEmpty();

        RawRecord wider = TestEvents.share()
                .fileId(fileId)
                .userId(owner)
                .data("shareId", shareId.toString())
                .data("sharedWith", recipient.toString())
                .data("canRead", true)
                .data("canWrite", true)
                .without("expiresAt")
                .without("passwordHash")
                .without("maxDownloads")
                .structured();
        assertThatThrownBy(() -> batch.apply(
                        contract.parse(wider, RecordFormat.CLOUD_EVENTS).get(0)))
                .isInstanceOf(InvalidEventException.class)
                .extracting(e -> ((InvalidEventException) e).reason())
                .isEqualTo(RejectionReason.FORBIDDEN);
    }
}
