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

    /** What one segment did. */
    public record Segment(long firstSeq, long lastSeq, long removed, String manifest, boolean more) {}

    /**
     * The next segment's range (first, last, and the last row recorded before the cutoff), or null when
     * no whole sealed interval was recorded before the cutoff. A segment ends where a stored checkpoint's
     * interval ends: the last such end within {@code segmentRows}, or the first one when an interval is longer.
     */
    public long[] nextRange(Instant cutoff, int segmentRows) {
        Long last = operations.lastRecordedBefore(cutoff);
        Long first = operations.oldestSeq();
        if (last == null || first == null || first > last) {
            return null;
        }
        Long end = checkpoints.lastStoredEndBetween(first, Math.min(first + segmentRows - 1, last));
        if (end == null) {
            end = checkpoints.firstStoredEndFrom(first);
            if (end == null || end > last) {
                return null;
            }
        }
        return new long[] {first, end, last};
    }

    /** Archives and removes one segment of rows recorded before the cutoff; null when there is none. */
    public Segment rotateSegment(Instant cutoff, int segmentRows) {
        long[] range = nextRange(cutoff, segmentRows);
        return range == null ? null : rotate(range);
    }

    /**
     * Verifies, archives and removes the segment {@link #nextRange} found.
     *
     * @throws IllegalStateException when the rows do not verify against their signed checkpoints: nothing
     *                               is removed
     */
    public Segment rotate(long[] range) {
        long first = range[0];
        long last = range[1];
        List<Held> sealing = checkpoints.endingBetween(first - 1, last);
        List<ChainSeal> seals = new ArrayList<>();
        for (Held held : sealing) {
            if (!held.checkpoint().signedBy(key)) {
                throw new IllegalStateException("refusing to rotate rows " + first + ".." + last + ": checkpoint "
                        + held.checkpoint().index() + " does not verify with the audit signing key");
            }
            seals.add(held.checkpoint().statement().chain());
        }
        SignedCheckpoint sealedBy = sealing.stream()
                .map(Held::checkpoint)
                .filter(c -> c.statement().chain().size() == last
                        && c.statement().chain().rows() > 0)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "refusing to rotate rows " + first + ".." + last + ": no signed checkpoint ends at " + last));
        List<AuditRow> rows = new ArrayList<>();
        operations.streamChain(first - 1, last, 1000, rows::add);
        ChainVerification verified = AuditChainVerifier.verifyRows(
                rows,
                start(first - 1, seals),
                seals,
                new ChainHead(last, sealedBy.statement().chain().head()));
        if (!verified.intact()) {
            throw new IllegalStateException("refusing to rotate rows " + first + ".." + last + ": " + verified);
        }
        String manifest = archive.archive(rows, sealedBy);
        long removed = operations.rotate(first, last, manifest);
        return new Segment(first, last, removed, manifest, last < range[2]);
    }

    // The hash the first row must link to: the genesis, a signed checkpoint's end, or (for rows before
    // the first signed checkpoint) the last rotation on record.
    private ChainHead start(long before, List<ChainSeal> seals) {
        if (before == 0) {
            return new ChainHead(0, AuditHashing.GENESIS);
        }
        return seals.stream()
                .filter(seal -> seal.size() == before)
                .findFirst()
                .map(seal -> new ChainHead(before, seal.head()))
                .orElseGet(() -> {
                    ChainHead rotated = chain.chainStart();
                    if (rotated.seq() != before) {
                        throw new IllegalStateException("refusing to rotate from row " + (before + 1)
                                + ": neither a signed checkpoint nor the last rotation ends before it");
                    }
                    return rotated;
                });
    }
}
