package io.storagecatalog.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.storagecatalog.common.event.CatalogCommand.Delete;
import io.storagecatalog.common.event.CatalogCommand.Download;
import io.storagecatalog.common.event.CatalogCommand.Upload;
import io.storagecatalog.common.event.CatalogEvent;
import io.storagecatalog.common.event.EventContract;
import io.storagecatalog.common.event.EventContract.RecordFormat;
import io.storagecatalog.common.event.RawRecord;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class BenchStreamTest {

    private final EventContract contract = new EventContract();

    @Test
    void replaysTheSameEventsForTheSameSeed() {
        List<RawRecord> first = new BenchStream(1, 50).next(2_000);
        List<RawRecord> again = new BenchStream(1, 50).next(2_000);

        for (int i = 0; i < first.size(); i++) {
            assertThat(again.get(i).key()).isEqualTo(first.get(i).key());
            assertThat(identity(again.get(i))).as("record %d", i).isEqualTo(identity(first.get(i)));
        }
        assertThat(identity(new BenchStream(2, 50).next(1).get(0))).isNotEqualTo(identity(first.get(0)));
    }

    // What the ceilings must replay: which event, of what kind, on which file, by whom, when, of what size.
    private String identity(RawRecord record) {
        CatalogEvent event =
                contract.parse(record, BenchStream.formatOf(record)).get(0);
        return String.join(
                " ",
                event.id().key(),
                event.operation().dbValue(),
                event.fileId(),
                String.valueOf(event.audit().userId()),
                event.time().toString(),
                String.valueOf(event.audit().bytesTransferred()));
    }

    @Test
    void oneRecordInFiftyIsAMinioNotificationThatTheContractReadsAsOneEvent() {
        List<RawRecord> records = new BenchStream(1, 50).next(10_000);

        long notifications = records.stream()
                .filter(r -> BenchStream.formatOf(r) == RecordFormat.S3_NOTIFICATION)
                .count();
        assertThat(notifications).isEqualTo(10_000 / BenchStream.MINIO_EVERY);
        for (RawRecord record : records) {
            assertThat(contract.parse(record, BenchStream.formatOf(record))).hasSize(1);
        }
    }

    @Test
    void minioReadsAndRemovalsNameOnlyObjectsCreatedBeforeAndStillThere() {
        Set<String> live = new HashSet<>();
        Set<String> kinds = new HashSet<>();
        for (RawRecord record : new BenchStream(7, 50).next(50_000)) {
            if (BenchStream.formatOf(record) != RecordFormat.S3_NOTIFICATION) {
                continue;
            }
            CatalogEvent event =
                    contract.parse(record, RecordFormat.S3_NOTIFICATION).get(0);
            assertThat(event.fileId()).startsWith(BenchStream.BUCKET + "/ward ");
            kinds.add(event.command().getClass().getSimpleName());
            if (event.command() instanceof Upload) {
                live.add(event.fileId());
            } else if (event.command() instanceof Download) {
                assertThat(live).contains(event.fileId());
            } else if (event.command() instanceof Delete) {
                assertThat(live.remove(event.fileId()))
                        .as("removal of a live object")
                        .isTrue();
            }
        }
        assertThat(kinds).containsExactlyInAnyOrder("Upload", "Download", "Delete");
    }
}
