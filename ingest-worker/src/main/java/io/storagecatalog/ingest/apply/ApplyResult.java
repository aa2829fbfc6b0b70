package io.storagecatalog.ingest.apply;

import java.util.List;
import java.util.Map;

import io.storagecatalog.common.event.InvalidEventException;

/**
 * What became of a batch.
 *
 * @param outcomes     outcome of each event, in input order
 * @param rejected     events that can never apply, by input index: to be dead-lettered
 * @param stoppedAt    index of the first event that waits for its file, or -1 when none does; it and
 *                     the later events of its partition were deferred, other partitions' events applied
 * @param waiting      why the batch stopped, or null
 * @param quotaNotices entities left over a limit
 */
public record ApplyResult(List<EventOutcome> outcomes, Map<Integer, InvalidEventException> rejected, int stoppedAt,
        FileNotYetKnownException waiting, List<QuotaNotice> quotaNotices) {

    public boolean stopped() {
        return stoppedAt >= 0;
    }
}
