package io.storagecatalog.common.audit;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/** All SQL of the chain's own tables: its head and the record of rotations. */
public class AuditChainRepository {

    private static final String LOCK_HEAD =
            "SELECT seq, row_hash FROM storage_audit_chain_head WHERE id = 1 FOR UPDATE";
    private static final String HEAD = "SELECT seq, row_hash FROM storage_audit_chain_head WHERE id = 1";
    private static final String MOVE_HEAD = """
            UPDATE storage_audit_chain_head SET seq = ?, row_hash = ?, updated_at = now() WHERE id = 1 AND seq = ?
            """;
    private static final String ROTATIONS = """
            SELECT first_seq, last_seq, archive_key FROM storage_audit_rotations ORDER BY first_seq
            """;
    private static final String LAST_ROTATION = """
            SELECT last_seq, last_hash FROM storage_audit_rotations ORDER BY last_seq DESC LIMIT 1
            """;

    private final JdbcTemplate jdbc;

    public AuditChainRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The end of the chain: the last row's position and hash (0 and the genesis hash when empty). */
    public record ChainHead(long seq, byte[] rowHash) {}

    /** A removal on record: rows {@code firstSeq .. lastSeq}, archived under {@code archiveKey}. */
    public record Rotation(long firstSeq, long lastSeq, String archiveKey) {}

    /** Locks the head for the current transaction: appends are serialised through it. */
    public ChainHead lockHead() {
        return jdbc.queryForObject(LOCK_HEAD, (rs, n) -> new ChainHead(rs.getLong(1), rs.getBytes(2)));
    }

    public ChainHead head() {
        return jdbc.queryForObject(HEAD, (rs, n) -> new ChainHead(rs.getLong(1), rs.getBytes(2)));
    }

    /** Moves the (locked) head from {@code fromSeq} to a new end. */
    public void moveHead(long fromSeq, ChainHead to) {
        int updated = jdbc.update(MOVE_HEAD, to.seq(), to.rowHash(), fromSeq);
        if (updated != 1) {
            throw new IllegalStateException("audit chain head moved from " + fromSeq + " concurrently");
        }
    }

    /** Every rotation on record, oldest first (one per archived segment: a small table). */
    public List<Rotation> rotations() {
        return jdbc.query(ROTATIONS, (rs, n) -> new Rotation(rs.getLong(1), rs.getLong(2), rs.getString(3)));
    }

    /** Where the chain starts now: after the last rotated row, or at the genesis. */
    public ChainHead chainStart() {
        return jdbc.query(LAST_ROTATION, (rs, n) -> new ChainHead(rs.getLong(1), rs.getBytes(2))).stream()
                .findFirst()
                .orElse(new ChainHead(0, AuditHashing.GENESIS));
    }
}
