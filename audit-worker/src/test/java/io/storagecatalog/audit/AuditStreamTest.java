package io.storagecatalog.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.storagecatalog.common.event.RawRecord;
import io.storagecatalog.common.testing.MixedEvents;
import io.storagecatalog.common.testing.RecordPublisher;
import io.storagecatalog.common.testing.TestEvents;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AuditStreamTest extends AuditTestSupport {

    @Test
    void recordsEveryEventOnceWhateverTheRedeliveriesAndTheChainVerifies() {
        List<RawRecord> events = new MixedEvents(11, 6).next(10_000);
        List<RawRecord> withDuplicates = new ArrayList<>(events);
        Random random = new Random(5);
        for (int i = 0; i < 2_000; i++) {
            withDuplicates.add(events.get(random.nextInt(events.size())));
        }
        Collections.shuffle(withDuplicates.subList(5_000, withDuplicates.size()), random);
        String neverUploaded = "files/" + UUID.randomUUID() + ".pdf";

        try (RecordPublisher publisher = publisher()) {
            publisher.publish(fileEvents, withDuplicates);
            publisher.publish(
                    fileEvents, TestEvents.download().fileId(neverUploaded).structured());
            publisher.publish(
                    s3Notifications,
                    TestEvents.s3("s3:ObjectAccessed:Get", "scans", "never+there.dcm")
                            .size(10)
                            .record());
        }
        await().atMost(WAIT).until(this::caughtUp);

        assertThat(rows()).isEqualTo(10_002);
        // Each chain counts from 1 without a gap: the ends of the chains add up to the rows.
        assertThat(jdbc.queryForObject(
                        "SELECT sum(last) FROM (SELECT max(seq) AS last FROM storage_operations GROUP BY chain) c",
                        Long.class))
                .isEqualTo(10_002);
        assertThat(jdbc.queryForObject("SELECT sum(seq) FROM storage_audit_chain_head", Long.class))
                .isEqualTo(10_002);
        assertThat(verifier.verify().intact()).isTrue();
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM storage_operations WHERE file_id = ?", Long.class, neverUploaded))
                .isOne();
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM storage_operations WHERE file_id = 'scans/never there.dcm'", Long.class))
                .isOne();
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM storage_operations WHERE status = 'failed' "
                                + "AND file_id LIKE 'failed/%' AND error_code = 'E_STORAGE_TIMEOUT'",
                        Long.class))
                .isPositive();
    }
}
