package io.storagecatalog.common.audit;

import io.storagecatalog.common.audit.AuditChainRepository.ChainHead;
import io.storagecatalog.common.audit.AuditChainRepository.Checkpoint;
import io.storagecatalog.common.audit.ChainViolation.Kind;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Walks the audit chain in order, in pages (bounded memory on any length), recomputing every hash,
 * and names the first row that is not as committed. It starts from a trusted point: the last rotated
 * row (history archived away does not break it), or a given checkpoint.
 */
public class AuditChainVerifier {

    private static final int PAGE_SIZE = 5000;

    private final OperationRepository operations;
    private final AuditChainRepository chain;

    public AuditChainVerifier(OperationRepository operations, AuditChainRepository chain) {
        this.operations = operations;
        this.chain = chain;
    }

    /** Verifies from the start of what the table holds to the head. */
    public ChainVerification verify() {
        return verify(chain.chainStart(), List.of());
    }

    /**
     * Verifies from a trusted point to the head.
     *
     * @param start       a trusted position and hash: the row after it must link to that hash
     * @param trusted     checkpoints from outside the database (the object store's copies): the rows at
     *                    their positions must carry their hashes
     */
    public ChainVerification verify(ChainHead start, List<Checkpoint> trusted) {
        ChainHead head = chain.head();
        Map<Long, byte[]> expectedHashes = new HashMap<>();
        chain.checkpointsBetween(start.seq(), head.seq()).forEach(c -> expectedHashes.put(c.seq(), c.rowHash()));
        trusted.stream().filter(c -> c.seq() > start.seq()).forEach(c -> expectedHashes.put(c.seq(), c.rowHash()));
        Walk walk = new Walk(start, expectedHashes);
        // One row beyond the head is read on purpose: a row there was added outside the append path.
        operations.streamChain(start.seq(), Long.MAX_VALUE, PAGE_SIZE, walk::accept);
        walk.finish(head);
        return new ChainVerification(start.seq(), walk.previous.seq(), walk.checked, walk.violation);
    }

    /** The walk over consecutive rows, with one row of look-behind to tell an insertion from a reordering. */
    private static final class Walk {
        private final Map<Long, byte[]> expectedHashes;
        private ChainHead previous;
        private AuditRow suspect;
        private byte[] beforeSuspect;
        private long checked;
        private ChainViolation violation;

        Walk(ChainHead start, Map<Long, byte[]> expectedHashes) {
            this.previous = start;
            this.expectedHashes = expectedHashes;
        }

        void accept(AuditRow row) {
            if (violation != null) {
                return;
            }
            checked++;
            if (suspect != null) {
                judgeSuspect(row);
                return;
            }
            long expectedSeq = previous.seq() + 1;
            if (row.seq() != expectedSeq) {
                violation = new ChainViolation(
                        expectedSeq,
                        Kind.ROW_MISSING,
                        row.seq() > expectedSeq
                                ? "positions " + expectedSeq + ".." + (row.seq() - 1) + " are missing"
                                : "position " + row.seq() + " repeats");
                return;
            }
            if (!Arrays.equals(AuditHashing.hash(row.prevHash(), row), row.rowHash())) {
                violation = new ChainViolation(
                        row.seq(),
                        Kind.CONTENT_CHANGED,
                        "the row's content does not match its hash " + hex(row.rowHash()));
                return;
            }
            if (!Arrays.equals(row.prevHash(), previous.rowHash())) {
                // Decide with the next row: does it link to our predecessor (this row was inserted) or is
                // this row's predecessor the next row (order changed)?
                suspect = row;
                beforeSuspect = previous.rowHash();
                return;
            }
            byte[] expected = expectedHashes.get(row.seq());
            if (expected != null && !Arrays.equals(expected, row.rowHash())) {
                violation = new ChainViolation(
                        row.seq(),
                        Kind.CHECKPOINT_MISMATCH,
                        "a checkpoint recorded hash " + hex(expected) + " here; the chain was rewritten");
                return;
            }
            previous = new ChainHead(row.seq(), row.rowHash());
        }

        private void judgeSuspect(AuditRow next) {
            if (Arrays.equals(suspect.prevHash(), next.rowHash())) {
                violation = new ChainViolation(
                        suspect.seq(), Kind.ORDER_CHANGED, "it links to row " + next.seq() + ", which comes after it");
            } else if (Arrays.equals(next.prevHash(), beforeSuspect)) {
                violation = new ChainViolation(
                        suspect.seq(),
                        Kind.ROW_INSERTED,
                        "it does not link to row " + (suspect.seq() - 1) + ", and row " + next.seq()
                                + " links past it");
            } else {
                violation = new ChainViolation(
                        suspect.seq(), Kind.LINK_BROKEN, "it does not link to row " + (suspect.seq() - 1));
            }
        }

        void finish(ChainHead head) {
            if (violation != null) {
                return;
            }
            if (suspect != null) {
                violation = new ChainViolation(
                        suspect.seq(), Kind.LINK_BROKEN, "the last row does not link to row " + (suspect.seq() - 1));
            } else if (previous.seq() < head.seq()) {
                violation = new ChainViolation(
                        previous.seq() + 1,
                        Kind.ROW_MISSING,
                        "the chain ends at row " + previous.seq() + " but its head is row " + head.seq());
            } else if (previous.seq() > head.seq()) {
                violation = new ChainViolation(
                        head.seq() + 1,
                        Kind.ROW_INSERTED,
                        "rows beyond the chain's head (row " + head.seq() + ") were added outside the append path");
            } else if (!Arrays.equals(previous.rowHash(), head.rowHash())) {
                violation = new ChainViolation(
                        head.seq(),
                        Kind.CHECKPOINT_MISMATCH,
                        "the last row's hash differs from the head's " + hex(head.rowHash()));
            }
        }
    }

    static String hex(byte[] hash) {
        return HexFormat.of().formatHex(hash);
    }
}
