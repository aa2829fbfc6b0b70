package io.storagecatalog.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.storagecatalog.common.event.RawRecord;
import io.storagecatalog.common.testing.MixedEvents;
import io.storagecatalog.common.testing.RecordPublisher;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * The audit worker logged in as a member of {@code storage_catalog_audit} (INSERT and SELECT on the trail,
 * nothing on the catalog's tables), the migrations run by the owner: it appends, checkpoints and verifies.
 */
@TestPropertySource(properties = "storage-catalog.test.runtime-role=storage_catalog_audit")
class LeastPrivilegeTest extends AuditTestSupport {

    @Test
    void appendsAndVerifiesWithTheRightsOfItsRoleOnly() {
        assertThat(jdbc.queryForObject("SELECT current_user", String.class)).startsWith("storage_catalog_audit_");
        List<RawRecord> events = new MixedEvents(21, 4).next(500);
        try (RecordPublisher publisher = publisher()) {
            publisher.publish(fileEvents, events);
        }
        await().atMost(WAIT).until(this::caughtUp);

        assertThat(rows()).isEqualTo(500);
        assertThat(verifier.verify().intact()).isTrue();
    }
}
