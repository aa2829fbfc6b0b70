package io.storagecatalog.common.audit;

import io.storagecatalog.common.audit.AuditChainRepository.ChainHead;
import io.storagecatalog.common.audit.SignedCheckpoint.ChainSeal;
import io.storagecatalog.common.audit.SignedCheckpointRepository.Held;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The one way audit rows leave the table: the oldest rows recorded before a cutoff are archived, whole
 * checkpoint intervals at a time, after they are verified against their signed checkpoints (hashes,
 * links, Merkle roots); the segment (compressed NDJSON, with a signed manifest naming its checkpoint) is
 * read back and checked; only then are the rows removed, through {@code storage_audit_rotate}, which
 * itself refuses a range that does not end on a stored checkpoint or is younger than the retention floor.
 */
public class AuditRotation {

    private final OperationRepository operations;
    private final AuditArchive archive;
    private final SignedCheckpointRepository checkpoints;
    private final AuditChainRepository chain;
    private final PublicKey key;

    public AuditRotation(
            OperationRepository operations,
            AuditArchive archive,
            SignedCheckpointRepository checkpoints,
            AuditChainRepository chain,
            PublicKey key) {
        this.operations = operations;
        this.archive = archive;
        this.checkpoints = checkpoints;
        this.chain = chain;
        this.key = key;
    }

    /** What one segment did: rows {@code firstSeq .. lastSeq} of a chain. */
    public record Segment(int chain, long firstSeq, long lastSeq, long removed, String manifest) {}

    /**
     * The next segment to rotate: rows {@code first .. last} of a chain, whole sealed intervals, all
     * recorded before the cutoff.
     */
    public record Range(int chain, long first, long last) {
        @Override
        public String toString() {
            return "chain " + chain + " rows " + first + ".." + last;
        }
    }

    /**
     * The next segment's range, in the lowest-numbered chain that has one, or null when no chain has a
     * whole sealed interval recorded before the cutoff. A segment ends where a stored checkpoint's interval
     * of its chain ends: the last such end within {@code segmentRows}, or the first one when an interval
     * is longer.
     */
    public Range nextRange(Instant cutoff, int segmentRows) {
        for (int number : chain.chains()) {
            Range range = nextRange(number, cutoff, segmentRows);
            if (range != null) {
                return range;
            }
        }
        return null;
    }

    private Range nextRange(int number, Instant cutoff, int segmentRows) {
        Long last = operations.lastRecordedBefore(number, cutoff);
        Long first = operations.oldestSeq(number);
        if (last == null || first == null || first > last) {
            return null;
        }
        Long end = checkpoints.lastStoredEndBetween(number, first, Math.min(first + segmentRows - 1, last));
        if (end == null) {
            end = checkpoints.firstStoredEndFrom(number, first);
            if (end == null || end > last) {
                return null;
            }
        }
        return new Range(number, first, end);
    }

    /**
     * Archives and removes one segment of rows recorded before the cutoff; null when there is none. Ask
     * again until then: this or another chain may have another segment.
     */
    public Segment rotateSegment(Instant cutoff, int segmentRows) {
        Range range = nextRange(cutoff, segmentRows);
        return range == null ? null : rotate(range);
    }

    /**
     * Verifies, archives and removes the segment {@link #nextRange} found.
     *
     * @throws IllegalStateException when the rows do not verify against their signed checkpoints: nothing
     *                               is removed
     */
    public Segment rotate(Range range) {
        int number = range.chain();
        long first = range.first();
        long last = range.last();
        List<Held> sealing = checkpoints.endingBetween(number, first - 1, last);
        List<ChainSeal> seals = new ArrayList<>();
        ChainSeal sealedEnd = null;
        SignedCheckpoint sealedBy = null;
        for (Held held : sealing) {
            if (!held.checkpoint().signedBy(key)) {
                throw new IllegalStateException("refusing to rotate " + range + ": checkpoint "
                        + held.checkpoint().index() + " does not verify with the audit signing key");
            }
            ChainSeal seal = held.checkpoint().statement().chain(number).orElseThrow();
            seals.add(seal);
            if (sealedBy == null && seal.size() == last && seal.rows() > 0) {
                sealedBy = held.checkpoint();
                sealedEnd = seal;
            }
        }
        if (sealedBy == null) {
            throw new IllegalStateException("refusing to rotate " + range + ": no signed checkpoint ends at " + last);
        }
        List<AuditRow> rows = new ArrayList<>();
        operations.streamChain(number, first - 1, last, 1000, rows::add);
        ChainVerification verified = AuditChainVerifier.verifyRows(
                number, rows, start(number, first - 1, seals), seals, new ChainHead(last, sealedEnd.head()));
        if (!verified.intact()) {
            throw new IllegalStateException("refusing to rotate " + range + ": " + verified);
        }
        String manifest = archive.archive(rows, sealedBy);
        long removed = operations.rotate(number, first, last, manifest);
        return new Segment(number, first, last, removed, manifest);
    }

    // The hash the first row must link to: the chain's genesis, a signed checkpoint's end, or (for rows
    // before the first signed checkpoint) the last rotation on record.
    private ChainHead start(int number, long before, List<ChainSeal> seals) {
        if (before == 0) {
            return new ChainHead(0, AuditHashing.genesis(number));
        }
        return seals.stream()
                .filter(seal -> seal.size() == before)
                .findFirst()
                .map(seal -> new ChainHead(before, seal.head()))
                .orElseGet(() -> {
                    ChainHead rotated = chain.chainStart(number);
                    if (rotated.seq() != before) {
                        throw new IllegalStateException("refusing to rotate chain " + number + " from row "
                                + (before + 1) + ": neither a signed checkpoint nor the last rotation ends before it");
                    }
                    return rotated;
                });
    }
}
