package io.storagecatalog.common.audit;

/**
 * The first place where the audit chain is not what was committed.
 *
 * @param chain  the chain of the first bad row
 * @param seq    the position of the first bad row in its chain
 * @param kind   what is wrong there
 * @param detail the explanation in words
 */
public record ChainViolation(int chain, long seq, Kind kind, String detail) {

    /** A violation in chain 0, or one not tied to a chain (a checkpoint's, an archive's). */
    public ChainViolation(long seq, Kind kind, String detail) {
        this(0, seq, kind, detail);
    }

    /** The same violation, placed in a chain. */
    public ChainViolation inChain(int number) {
        return new ChainViolation(number, seq, kind, detail);
    }

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
        CHECKPOINT_MISMATCH,
        /** The trail ends before the end of the newest signed checkpoint: rows were cut off. */
        TRUNCATED,
        /** A signed checkpoint is missing from the object store (a gap in the sequence). */
        CHECKPOINT_MISSING,
        /** A checkpoint copy that does not verify: unreadable, not signed by a known key, or not chained to its predecessor. */
        CHECKPOINT_INVALID,
        /** Checkpoints more than twice their cadence apart, or none since then: an interval has no checkpoint. */
        INTERVAL_MISSING,
        /** Rows removed without a signed archive, or a rotation on record that no signed archive manifest backs. */
        ROTATION_FORGED,
        /** An archive segment or its manifest does not verify. */
        ARCHIVE_INVALID
    }

    @Override
    public String toString() {
        return "audit row " + seq + (chain == 0 ? "" : " of chain " + chain) + ": " + kind + " (" + detail + ")";
    }
}
