package io.storagecatalog.common.audit;

/**
 * The outcome of walking (part of) the audit chain.
 *
 * @param fromSeq     the position verification started after (a checkpoint, the last rotated row, or 0);
 *                    over several chains, the sum of their positions
 * @param toSeq       the last position verified (over several chains, the sum)
 * @param rowsChecked rows read
 * @param violation   the first violation, or null when the chain is intact
 */
public record ChainVerification(long fromSeq, long toSeq, long rowsChecked, ChainViolation violation) {

    public boolean intact() {
        return violation == null;
    }

    /** The outcome of walking several chains: the sums of their positions and rows, the first violation. */
    public static ChainVerification ofChains(java.util.List<ChainVerification> chains) {
        long from = 0;
        long to = 0;
        long rows = 0;
        ChainViolation first = null;
        for (ChainVerification chain : chains) {
            from += chain.fromSeq();
            to += chain.toSeq();
            rows += chain.rowsChecked();
            if (first == null) {
                first = chain.violation();
            }
        }
        return new ChainVerification(from, to, rows, first);
    }

    @Override
    public String toString() {
        return intact()
                ? "audit chain intact: rows " + (fromSeq + 1) + ".." + toSeq + " (" + rowsChecked + " checked)"
                : "audit chain VIOLATED at " + violation;
    }
}
