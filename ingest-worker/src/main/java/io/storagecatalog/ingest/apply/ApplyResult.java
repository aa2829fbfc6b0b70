package io.storagecatalog.ingest.apply;

import io.storagecatalog.common.event.InvalidEventException;
import io.storagecatalog.ingest.quota.QuotaNotice;
import java.util.List;
import java.util.Map;

/**
 * What became of a batch.
 *
 * @param outcomes     outcome of each event, in input order
 * @param rejected     events that can never apply, by input index: to be dead-lettered
 * @param waiting      by input index, the first event of each partition that waits for its file; it
 *                     and the later events of its partition were deferred, other partitions' applied
 * @param quotaNotices entities left over a limit
 */
public record ApplyResult(
        List<EventOutcome> outcomes,
        Map<Integer, InvalidEventException> rejected,
        Map<Integer, FileNotYetKnownException> waiting,
        List<QuotaNotice> quotaNotices) {}
