package io.storagecatalog.common.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The one way audit rows leave the table: the oldest rows recorded before a cutoff are archived, a
 * segment at a time (compressed NDJSON and manifest, read back and checked), then removed through
 * {@code storage_audit_rotate}, which records the removal so that verification starts after it.
 */
public class AuditRotation {

    private final OperationRepository operations;
    private final AuditArchive archive;

    public AuditRotation(OperationRepository operations, AuditArchive archive) {
        this.operations = operations;
        this.archive = archive;
    }

    /** What one segment did. */
    public record Segment(long firstSeq, long lastSeq, long removed, String manifest, boolean more) {}

    /** The next segment's range, or null when no row was recorded before the cutoff. */
    public long[] nextRange(Instant cutoff, int segmentRows) {
        Long last = operations.lastRecordedBefore(cutoff);
        Long first = operations.oldestSeq();
        if (last == null || first == null || first > last) {
            return null;
        }
        return new long[] {first, Math.min(first + segmentRows - 1, last), last};
    }

    /** Archives and removes one segment of rows recorded before the cutoff; null when there is none. */
    public Segment rotateSegment(Instant cutoff, int segmentRows) {
        long[] range = nextRange(cutoff, segmentRows);
        return range == null ? null : rotate(range);
    }

    /** Archives and removes the segment {@link #nextRange} found. */
    public Segment rotate(long[] range) {
        List<AuditRow> rows = new ArrayList<>();
        operations.streamChain(range[0] - 1, range[1], 1000, rows::add);
        String manifest = archive.archive(rows);
        long removed = operations.rotate(range[0], range[1], manifest);
        return new Segment(range[0], range[1], removed, manifest, range[1] < range[2]);
    }
}
