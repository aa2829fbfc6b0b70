package io.storagecatalog.ingest.apply;

import io.storagecatalog.common.event.CatalogEvent;
import io.storagecatalog.common.event.InvalidEventException;
import io.storagecatalog.common.event.RejectionReason;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The order in which a batch's events are applied. Each partition's events apply in their order; an
 * event waiting for its file holds back the rest of its partition, not the others. Passes repeat while
 * they make progress, so that a copy whose source is uploaded later in the same batch, in another
 * partition, applies in the next pass. An event whose identity was not claimed (another writer applied
 * it), or that came twice, is a duplicate.
 */
final class PartitionSchedule {

    private PartitionSchedule() {}

    /**
     * What the schedule did with a batch, by the events' positions in it.
     *
     * @param applied the identities of the events applied
     * @param waiting per partition held back, the position of its first waiting event and why it waits
     */
    record Result(
            List<EventOutcome> outcomes,
            Map<Integer, InvalidEventException> rejected,
            Map<Integer, FileNotYetKnownException> waiting,
            Set<String> applied) {}

    /**
     * @param step             applies one event; throws {@link FileNotYetKnownException} when its file is unknown
     *                         and {@link InvalidEventException} when it can never apply, leaving the state unchanged
     * @param waitedLongEnough whether an event whose file is unknown may wait no longer: it is then rejected
     */
    static Result run(
            List<CatalogEvent> events,
            Set<String> claimed,
            Predicate<CatalogEvent> waitedLongEnough,
            Function<CatalogEvent, EventOutcome> step) {
        EventOutcome[] outcomes = new EventOutcome[events.size()];
        Map<Integer, InvalidEventException> rejected = new HashMap<>();
        Set<String> applied = new LinkedHashSet<>();
        Map<String, List<Integer>> byPartition = new LinkedHashMap<>();
        for (int i = 0; i < events.size(); i++) {
            byPartition
                    .computeIfAbsent(partitionOf(events.get(i)), p -> new ArrayList<>())
                    .add(i);
        }
        Map<String, Integer> next = new HashMap<>();
        Map<Integer, FileNotYetKnownException> lastWait = new HashMap<>();
        boolean progress = true;
        while (progress) {
            progress = false;
            for (Map.Entry<String, List<Integer>> partition : byPartition.entrySet()) {
                List<Integer> indices = partition.getValue();
                int from = next.getOrDefault(partition.getKey(), 0);
                int p = from;
                while (p < indices.size()) {
                    int i = indices.get(p);
                    CatalogEvent event = events.get(i);
                    String key = event.id().key();
                    if (!claimed.contains(key) || applied.contains(key)) {
                        outcomes[i] = EventOutcome.DUPLICATE;
                    } else {
                        try {
                            outcomes[i] = step.apply(event);
                            applied.add(key);
                        } catch (FileNotYetKnownException e) {
                            if (!waitedLongEnough.test(event)) {
                                lastWait.put(i, e);
                                break;
                            }
                            outcomes[i] = EventOutcome.REJECTED;
                            rejected.put(
                                    i,
                                    new InvalidEventException(
                                            e.field(),
                                            FileNotYetKnownException.problem(e.fileId()),
                                            RejectionReason.NOT_APPLICABLE));
                        } catch (InvalidEventException e) {
                            outcomes[i] = EventOutcome.REJECTED;
                            rejected.put(i, e);
                        }
                    }
                    p++;
                }
                progress |= p > from;
                next.put(partition.getKey(), p);
            }
        }
        Map<Integer, FileNotYetKnownException> waiting = new HashMap<>();
        for (Map.Entry<String, List<Integer>> partition : byPartition.entrySet()) {
            List<Integer> indices = partition.getValue();
            int p = next.get(partition.getKey());
            if (p < indices.size()) {
                waiting.put(indices.get(p), lastWait.get(indices.get(p)));
                indices.subList(p, indices.size()).forEach(i -> outcomes[i] = EventOutcome.DEFERRED);
            }
        }
        return new Result(List.of(outcomes), rejected, waiting, applied);
    }

    static String partitionOf(CatalogEvent event) {
        return event.origin().topic() + '-' + event.origin().partition();
    }
}
