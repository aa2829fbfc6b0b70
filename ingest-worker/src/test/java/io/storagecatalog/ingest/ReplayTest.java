package io.storagecatalog.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.storagecatalog.common.event.RawRecord;
import io.storagecatalog.common.testing.MixedEvents;
import io.storagecatalog.common.testing.RecordPublisher;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplayTest extends IngestTestSupport {

    @Test
    void replayingTheWholeStreamChangesNoRow() {
        List<RawRecord> stream = new MixedEvents(42, 8).next(2000);
        long processedBefore = count("SELECT count(*) FROM storage_processed_events");
        try (RecordPublisher publisher = publisher()) {
            publisher.publish(fileEvents, stream);
        }
        await().atMost(WAIT).until(this::caughtUp);
        List<List<Map<String, Object>>> before = snapshot();
        assertThat(count("SELECT count(*) FROM storage_processed_events") - processedBefore)
                .isEqualTo(2000);
        assertThat(count("SELECT count(*) FROM storage_files WHERE file_id LIKE 'files/%'"))
                .isGreaterThan(500);
        assertThat(quotaDrift()).isEmpty();

        try (RecordPublisher publisher = publisher()) {
            publisher.publish(fileEvents, stream);
        }
        await().atMost(WAIT).until(this::caughtUp);

        assertThat(snapshot()).isEqualTo(before);
    }
}
