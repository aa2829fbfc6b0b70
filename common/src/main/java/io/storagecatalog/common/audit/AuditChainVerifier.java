package io.storagecatalog.common.audit;

import io.storagecatalog.common.audit.AuditChainRepository.ChainHead;
import io.storagecatalog.common.audit.ChainViolation.Kind;
import io.storagecatalog.common.audit.SignedCheckpoint.ChainSeal;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Walks an audit chain in order, in pages (bounded memory on any length), recomputing every hash,
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

    /**
     * Verifies every chain from the start of what the table holds to its head, with no checkpoint to hold
     * it to; names the first violation of the lowest-numbered chain that has one.
     */
    public ChainVerification verify() {
        return ChainVerification.ofChains(chain.chains().stream()
                .map(number -> verify(number, chain.chainStart(number), List.of()))
                .toList());
    }

    /**
     * Verifies one chain from a trusted point to its head.
     *
     * @param start a trusted position and hash: the row after it must link to that hash
     * @param seals the intervals of signed checkpoints (verified by their signatures); those of this chain
     *              count: the row at each interval's end must carry its hash, and the interval's rows must
     *              have its Merkle root
     */
    public ChainVerification verify(int number, ChainHead start, List<ChainSeal> seals) {
        ChainHead head = chain.head(number);
        Walk walk = new Walk(number, start, seals);
        // One row beyond the head is read on purpose: a row there was added outside the append path.
        operations.streamChain(number, start.seq(), Long.MAX_VALUE, PAGE_SIZE, walk::accept);
        walk.finish(head);
        return walk.result(start);
    }

    /**
     * Verifies rows of one chain at hand (a range about to be archived) from a trusted point; the rows must
     * end where {@code end} says.
     */
    public static ChainVerification verifyRows(
            int number, List<AuditRow> rows, ChainHead start, List<ChainSeal> seals, ChainHead end) {
        Walk walk = new Walk(number, start, seals);
        rows.forEach(walk::accept);
        walk.finish(end);
        return walk.result(start);
    }

    /** The walk over consecutive rows, with one row of look-behind to tell an insertion from a reordering. */
    private static final class Walk {
        private final int chain;
        private final Map<Long, ChainSeal> sealsByEnd = new HashMap<>();
        private MerkleFrontier interval = new MerkleFrontier();
        private ChainHead previous;
        private AuditRow suspect;
        private byte[] beforeSuspect;
        private long checked;
        private ChainViolation violation;

        Walk(int chain, ChainHead start, List<ChainSeal> seals) {
            this.chain = chain;
            this.previous = start;
            seals.stream()
                    .filter(seal -> seal.chain() == chain && seal.rows() > 0 && seal.from() >= start.seq())
                    .forEach(seal -> sealsByEnd.put(seal.size(), seal));
        }

        ChainVerification result(ChainHead start) {
            return new ChainVerification(
                    start.seq(), previous.seq(), checked, violation == null ? null : violation.inChain(chain));
        }

        void accept(AuditRow row) {
            if (violation != null) {
                return;
            }
            if (row.chain() != chain) {
                violation = new ChainViolation(
                        row.seq(), Kind.ROW_INSERTED, "a row of chain " + row.chain() + " among chain " + chain + "'s");
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
            interval.append(MerkleTree.leafHash(row.rowHash()));
            ChainSeal seal = sealsByEnd.get(row.seq());
            if (seal != null) {
                if (!Arrays.equals(seal.head(), row.rowHash())) {
                    violation = new ChainViolation(
                            row.seq(),
                            Kind.CHECKPOINT_MISMATCH,
                            "a signed checkpoint recorded hash " + hex(seal.head()) + " here; the chain was rewritten");
                    return;
                }
                if (interval.size() == seal.rows() && !Arrays.equals(seal.root(), interval.root())) {
                    violation = new ChainViolation(
                            seal.from() + 1,
                            Kind.CHECKPOINT_MISMATCH,
                            "rows " + (seal.from() + 1) + ".." + seal.size()
                                    + " do not have the Merkle root their signed checkpoint states");
                    return;
                }
                interval = new MerkleFrontier();
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
