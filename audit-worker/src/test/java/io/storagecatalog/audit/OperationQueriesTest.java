package io.storagecatalog.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.storagecatalog.common.audit.AuditRow;
import io.storagecatalog.common.audit.OperationRepository;
import io.storagecatalog.common.audit.OperationRepository.Cursor;
import io.storagecatalog.common.audit.OperationRepository.Page;
import io.storagecatalog.common.event.RawRecord;
import io.storagecatalog.common.testing.TestEvents;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/** The audit queries of common's OperationRepository, with keyset pagination, on a real trail. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperationQueriesTest extends AuditTestSupport {

    @Autowired
    OperationRepository operations;

    final String fileId = TestEvents.randomFileId();
    final UUID user = UUID.randomUUID();
    final Instant start = Instant.parse("2026-03-01T00:00:00Z");

    @BeforeAll
    void appendHistory() {
        List<RawRecord> records = new ArrayList<>();
        records.add(TestEvents.upload()
                .fileId(fileId)
                .userId(user)
                .time(start)
                .data("correlationId", "req-1")
                .structured());
        for (int i = 1; i <= 24; i++) {
            records.add(TestEvents.download()
                    .fileId(fileId)
                    .userId(user)
                    .time(start.plusSeconds(60L * i))
                    .data("correlationId", i % 2 == 0 ? "req-1" : "req-2")
                    .binary());
        }
        records.add(TestEvents.download()
                .fileId(TestEvents.randomFileId())
                .userId(UUID.randomUUID())
                .time(start.plusSeconds(30))
                .binary());
        appendDirectly(records);
    }

    @Test
    void pagesThroughAFilesOperationsNewestFirst() {
        List<AuditRow> all = new ArrayList<>();
        Cursor cursor = Cursor.NEWEST;
        int pages = 0;
        do {
            Page page = operations.byFile(fileId, cursor, 10);
            all.addAll(page.rows());
            cursor = page.next();
            pages++;
        } while (cursor != null);

        assertThat(pages).isEqualTo(3);
        assertThat(all).hasSize(25);
        assertThat(all.get(0).createdAt()).isEqualTo(start.plusSeconds(60L * 24));
        assertThat(all.get(24).operation()).isEqualTo("upload");
        assertThat(all).extracting(AuditRow::createdAt).isSortedAccordingTo((a, b) -> b.compareTo(a));
    }

    @Test
    void findsAUsersOperations() {
        Page page = operations.byUser(user, Cursor.NEWEST, 100);

        assertThat(page.rows())
                .hasSize(25)
                .allSatisfy(row -> assertThat(row.userId()).isEqualTo(user));
        assertThat(page.next()).isNull();
    }

    @Test
    void followsOneRequestAcrossOperationsOldestFirst() {
        Page page = operations.byCorrelationId("req-1", Cursor.OLDEST, 100);

        assertThat(page.rows()).hasSize(13).extracting(AuditRow::correlationId).containsOnly("req-1");
        assertThat(page.rows().get(0).operation()).isEqualTo("upload");
    }

    @Test
    void listsATimeRangeWithPagination() {
        Page first = operations.byTimeRange(start, start.plusSeconds(60L * 5), Cursor.OLDEST, 3);
        Page second = operations.byTimeRange(start, start.plusSeconds(60L * 5), first.next(), 3);

        assertThat(first.rows()).hasSize(3);
        assertThat(second.rows()).hasSize(3);
        assertThat(second.next()).isNull();
        assertThat(first.rows().get(1).createdAt()).isEqualTo(start.plusSeconds(30));
    }
}
