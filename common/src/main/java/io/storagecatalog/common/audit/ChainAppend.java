package io.storagecatalog.common.audit;

import io.storagecatalog.common.audit.AuditChainRepository.ChainHead;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One append to one or more hash chains, in the caller's transaction: the heads of the chains it appends
 * to are locked when it opens, in ascending order (appends to the same chain line up behind its head;
 * appends to other chains go on in parallel, and no two appends wait for each other in a cycle); each row
 * added is hashed onto the one before it in its chain and streamed to one COPY (opened with the first
 * row, so that the caller may still query before it), and {@link #finish()} moves the heads past them.
 * The audit worker's batches and the maintenance jobs' actions both append this way.
 */
public final class ChainAppend implements AutoCloseable {

    private final AuditChainRepository chains;
    private final OperationRepository operations;
    private final Map<Integer, Lane> lanes = new TreeMap<>();
    private final int first;
    private OperationRepository.Append copy;

    /** Where one chain started in this append and where it is now. */
    private static final class Lane {
        private final long startSeq;
        private long seq;
        private byte[] previous;

        Lane(ChainHead start) {
            this.startSeq = start.seq();
            this.seq = start.seq();
            this.previous = start.rowHash();
        }
    }

    private ChainAppend(AuditChainRepository chains, OperationRepository operations, Collection<Integer> numbers) {
        this.chains = chains;
        this.operations = operations;
        for (int chain : new TreeSet<>(numbers)) {
            lanes.put(chain, new Lane(chains.lockHead(chain)));
        }
        this.first = lanes.keySet().iterator().next();
    }

    /** Locks chain 0's head for the rest of the caller's transaction. */
    public static ChainAppend open(AuditChainRepository chains, OperationRepository operations) {
        return open(chains, operations, List.of(0));
    }

    /** Locks the heads of the given chains (at least one) for the rest of the caller's transaction. */
    public static ChainAppend open(
            AuditChainRepository chains, OperationRepository operations, Collection<Integer> numbers) {
        if (numbers.isEmpty()) {
            throw new IllegalArgumentException("an append needs at least one chain");
        }
        return new ChainAppend(chains, operations, numbers);
    }

    /** Chains the row onto the first chain opened and sends it; returns it chained. */
    public AuditRow add(AuditRow row) {
        return add(first, row);
    }

    /** Chains the row onto a chain opened here and sends it; returns it chained. */
    public AuditRow add(int chain, AuditRow row) {
        Lane lane = lanes.get(chain);
        if (lane == null) {
            throw new IllegalArgumentException("chain " + chain + " is not locked by this append");
        }
        if (copy == null) {
            copy = operations.openAppend();
        }
        byte[] hash = AuditHashing.hash(lane.previous, row);
        AuditRow chained = row.chained(chain, ++lane.seq, lane.previous, hash);
        copy.add(chained);
        lane.previous = hash;
        return chained;
    }

    /** Ends the COPY and moves each head past the rows added to its chain; returns how many were added. */
    public long finish() {
        long added = 0;
        if (copy != null) {
            copy.finish();
            for (Map.Entry<Integer, Lane> entry : lanes.entrySet()) {
                Lane lane = entry.getValue();
                if (lane.seq > lane.startSeq) {
                    chains.moveHead(entry.getKey(), lane.startSeq, new ChainHead(lane.seq, lane.previous));
                    added += lane.seq - lane.startSeq;
                }
            }
        }
        return added;
    }

    @Override
    public void close() {
        if (copy != null) {
            copy.close();
        }
    }
}
