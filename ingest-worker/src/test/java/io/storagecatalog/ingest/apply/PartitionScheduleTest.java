package io.storagecatalog.ingest.apply;

import static org.assertj.core.api.Assertions.assertThat;

import io.storagecatalog.common.event.CatalogCommand.FileCommand;
import io.storagecatalog.common.event.CatalogCommand.Upload;
import io.storagecatalog.common.event.CatalogEvent;
import io.storagecatalog.common.event.EventContract;
import io.storagecatalog.common.event.EventContract.RecordFormat;
import io.storagecatalog.common.event.InvalidEventException;
import io.storagecatalog.common.event.RejectionReason;
import io.storagecatalog.common.testing.CloudEventBuilder;
import io.storagecatalog.common.testing.TestEvents;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The order of a batch's events, without a database: uploads make files known, other events need them. */
@Tag("unit")
class PartitionScheduleTest {

    private final EventContract contract = new EventContract();
    private final Set<String> known = new HashSet<>();
    private final List<String> order = new ArrayList<>();

    private final Function<CatalogEvent, EventOutcome> step = event -> {
        String fileId = ((FileCommand) event.command()).fileId();
        if (fileId.endsWith("/refused.pdf")) {
            throw new InvalidEventException("data.userId", "refused", RejectionReason.FORBIDDEN);
        }
        if (!(event.command() instanceof Upload) && !known.contains(fileId)) {
            throw new FileNotYetKnownException("data.fileId", fileId);
        }
        known.add(fileId);
        order.add(event.operation().dbValue() + " " + fileId);
        return EventOutcome.APPLIED;
    };

    private CatalogEvent event(CloudEventBuilder builder, String fileId, int partition) {
        return contract.parse(builder.fileId(fileId).partition(partition).structured(), RecordFormat.CLOUD_EVENTS)
                .get(0);
    }

    private static Set<String> claimed(List<CatalogEvent> events) {
        Set<String> keys = new HashSet<>();
        events.forEach(e -> keys.add(e.id().key()));
        return keys;
    }

    @Test
    void aWaitingEventHoldsBackItsPartitionOnly() {
        List<CatalogEvent> events = List.of(
                event(TestEvents.download(), "f/unknown.pdf", 0),
                event(TestEvents.upload(), "f/a.pdf", 0),
                event(TestEvents.upload(), "f/b.pdf", 1),
                event(TestEvents.download(), "f/b.pdf", 1));

        PartitionSchedule.Result result = PartitionSchedule.run(events, claimed(events), e -> false, step);

        assertThat(result.outcomes())
                .containsExactly(
                        EventOutcome.DEFERRED, EventOutcome.DEFERRED, EventOutcome.APPLIED, EventOutcome.APPLIED);
        assertThat(result.waiting()).containsOnlyKeys(0);
        assertThat(result.waiting().get(0).fileId()).isEqualTo("f/unknown.pdf");
        assertThat(order).containsExactly("upload f/b.pdf", "download f/b.pdf");
    }

    @Test
    void anEventWhoseFileArrivesLaterInAnotherPartitionAppliesInTheNextPass() {
        List<CatalogEvent> events =
                List.of(event(TestEvents.download(), "f/late.pdf", 0), event(TestEvents.upload(), "f/late.pdf", 1));

        PartitionSchedule.Result result = PartitionSchedule.run(events, claimed(events), e -> false, step);

        assertThat(result.outcomes()).containsOnly(EventOutcome.APPLIED);
        assertThat(result.waiting()).isEmpty();
        assertThat(order).containsExactly("upload f/late.pdf", "download f/late.pdf");
    }

    @Test
    void duplicatesRejectionsAndEventsThatWaitedLongEnough() {
        CatalogEvent upload = event(TestEvents.upload(), "f/a.pdf", 0);
        CatalogEvent unclaimed = event(TestEvents.upload(), "f/other.pdf", 0);
        List<CatalogEvent> events = List.of(
                upload,
                upload,
                unclaimed,
                event(TestEvents.upload(), "f/refused.pdf", 0),
                event(TestEvents.download(), "f/never.pdf", 1),
                event(TestEvents.download(), "f/a.pdf", 0));
        Set<String> claimed = claimed(events);
        claimed.remove(unclaimed.id().key());

        PartitionSchedule.Result result = PartitionSchedule.run(events, claimed, e -> true, step);

        assertThat(result.outcomes())
                .containsExactly(
                        EventOutcome.APPLIED,
                        EventOutcome.DUPLICATE,
                        EventOutcome.DUPLICATE,
                        EventOutcome.REJECTED,
                        EventOutcome.REJECTED,
                        EventOutcome.APPLIED);
        assertThat(result.rejected().get(3).reason()).isEqualTo(RejectionReason.FORBIDDEN);
        assertThat(result.rejected().get(4).reason()).isEqualTo(RejectionReason.NOT_APPLICABLE);
        assertThat(result.applied())
                .containsExactlyInAnyOrder(upload.id().key(), events.get(5).id().key());
    }
}
