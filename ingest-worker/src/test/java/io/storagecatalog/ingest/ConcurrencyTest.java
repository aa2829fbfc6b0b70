package io.storagecatalog.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.storagecatalog.common.event.RawRecord;
import io.storagecatalog.common.testing.MixedEvents;
import io.storagecatalog.common.testing.RecordPublisher;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

/** Two worker instances share four partitions; uploads, copies and deletes of the same owners interleave. */
class ConcurrencyTest extends IngestTestSupport {

    @Autowired
    Environment environment;

    @Test
    void quotasEqualARecalculationWithTwoInstances() {
        List<RawRecord> stream = new MixedEvents(99, 4).next(3000);
        long processedBefore = count("SELECT count(*) FROM storage_processed_events");
        try (IngestWorkerInstance second = IngestWorkerInstance.start(IngestWorkerInstance.sameAs(environment));
                RecordPublisher publisher = publisher()) {
            publisher.publish(fileEvents, stream.subList(0, 1500));
            publisher.publish(fileEvents, stream.subList(1500, 3000));

            await().atMost(WAIT).until(this::caughtUp);
        }

        assertThat(count("SELECT count(*) FROM storage_processed_events") - processedBefore)
                .isEqualTo(3000);
        assertThat(quotaDrift()).isEmpty();
        assertThat(count("""
                SELECT count(*) FROM (SELECT file_id FROM storage_file_versions WHERE is_current
                GROUP BY file_id HAVING count(*) > 1) x""")).isZero();
    }
}
