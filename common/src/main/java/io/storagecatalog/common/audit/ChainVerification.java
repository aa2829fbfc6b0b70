package io.storagecatalog.common.audit;

/**
 * The outcome of walking (part of) the audit chain.
 *
 * @param fromSeq     the position verification started after (a checkpoint, the last rotated row, or 0)
 * @param toSeq       the last position verified
 * @param rowsChecked rows read
 * @param violation   the first violation, or null when the chain is intact
 */
public record ChainVerification(long fromSeq, long toSeq, long rowsChecked, ChainViolation violation) {

    public boolean intact() {
        return violation == null;
    }

    @Override
    public String toString() {
        return intact()
                ? "audit chain intact: rows " + (fromSeq + 1) + ".." + toSeq + " (" + rowsChecked + " checked)"
                : "audit chain VIOLATED at " + violation;
    }
}
