package io.storagecatalog.ingest.apply;

import java.util.List;
import java.util.Map;

import io.storagecatalog.common.event.InvalidEventException;

/**
 * What became of a batch.
 *
 * @param outcomes     outcome of each event applied or skipped, in input order, up to {@code stoppedAt}
 * @param rejected     events that can never apply, by input index: to be dead-lettered
 * @param stoppedAt    index of the first event that waits for its file (it and everything after it
 *                     were not applied), or -1 when the whole batch was handled
 * @param waiting      why the batch stopped, or null
 * @param quotaNotices entities left over a limit
 */
public record ApplyResult(List<EventOutcome> outcomes, Map<Integer, InvalidEventException> rejected, int stoppedAt,
        FileNotYetKnownException waiting, List<QuotaNotice> quotaNotices) {

    public boolean stopped() {
        return stoppedAt >= 0;
    }
}
