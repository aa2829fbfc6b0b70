package io.storagecatalog.common.audit;

/**
 * The first place where the audit chain is not what was committed.
 *
 * @param seq    the position of the first bad row
 * @param kind   what is wrong there
 * @param detail the explanation in words
 */
public record ChainViolation(long seq, Kind kind, String detail) {

    /** What was done to the chain, as far as the evidence shows. */
    public enum Kind {
        /** The row's content no longer matches its hash. */
        CONTENT_CHANGED,
        /** A row is missing: the chain jumps over its position. */
        ROW_MISSING,
        /** A row that does not belong: it does not link to its predecessor, and its successor links past it. */
        ROW_INSERTED,
        /** Rows are out of order: the row links to a row that comes after it. */
        ORDER_CHANGED,
        /** The row does not link to its predecessor (inserted, removed or reordered rows). */
        LINK_BROKEN,
        /** The chain disagrees with its head or with a checkpoint (rows added or removed at the end, or history rewritten). */
        CHECKPOINT_MISMATCH
    }

    @Override
    public String toString() {
        return "audit row " + seq + ": " + kind + " (" + detail + ")";
    }
}
