package io.storagecatalog.common.audit;

import io.storagecatalog.common.audit.AuditChainRepository.ChainHead;

/**
 * One append to the hash chain, in the caller's transaction: the head is locked when it opens (appends of
 * every process line up behind it), each row added is hashed onto the one before and streamed to one COPY
 * (opened with the first row, so that the caller may still query before it), and {@link #finish()} moves
 * the head past them. The audit worker's batches and the maintenance jobs' actions both append this way.
 */
public final class ChainAppend implements AutoCloseable {

    private final AuditChainRepository chain;
    private final OperationRepository operations;
    private final ChainHead start;
    private OperationRepository.Append copy;
    private long seq;
    private byte[] previous;

    private ChainAppend(AuditChainRepository chain, OperationRepository operations, ChainHead start) {
        this.chain = chain;
        this.operations = operations;
        this.start = start;
        this.seq = start.seq();
        this.previous = start.rowHash();
    }

    /** Locks the chain's head for the rest of the caller's transaction. */
    public static ChainAppend open(AuditChainRepository chain, OperationRepository operations) {
        return new ChainAppend(chain, operations, chain.lockHead());
    }

    /** Chains the row onto the head and sends it; returns it chained. */
    public AuditRow add(AuditRow row) {
        if (copy == null) {
            copy = operations.openAppend();
        }
        byte[] hash = AuditHashing.hash(previous, row);
        AuditRow chained = row.chained(++seq, previous, hash);
        copy.add(chained);
        previous = hash;
        return chained;
    }

    /** Ends the COPY and moves the head past the rows added; returns the new head's position. */
    public long finish() {
        if (copy != null) {
            copy.finish();
            chain.moveHead(start.seq(), new ChainHead(seq, previous));
        }
        return seq;
    }

    @Override
    public void close() {
        if (copy != null) {
            copy.close();
        }
    }
}
