package io.storagecatalog.common.audit;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/** All SQL of the chains' own tables: their heads and the record of rotations. */
public class AuditChainRepository {

    private static final String LOCK_HEAD =
            "SELECT seq, row_hash FROM storage_audit_chain_head WHERE chain = ? FOR UPDATE";
    private static final String HEAD = "SELECT seq, row_hash FROM storage_audit_chain_head WHERE chain = ?";
    private static final String CHAINS = "SELECT chain FROM storage_audit_chain_head ORDER BY chain";
    private static final String LENGTH = "SELECT coalesce(sum(seq), 0) FROM storage_audit_chain_head";
    private static final String MOVE_HEAD = """
            UPDATE storage_audit_chain_head SET seq = ?, row_hash = ?, updated_at = now() WHERE chain = ? AND seq = ?
            """;
    private static final String ROTATIONS = """
            SELECT first_seq, last_seq, archive_key FROM storage_audit_rotations WHERE chain = ? ORDER BY first_seq
            """;
    private static final String LAST_ROTATION = """
            SELECT last_seq, last_hash FROM storage_audit_rotations WHERE chain = ? ORDER BY last_seq DESC LIMIT 1
            """;

    private final JdbcTemplate jdbc;

    public AuditChainRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The end of a chain: the last row's position and hash (0 and the chain's genesis when empty). */
    public record ChainHead(long seq, byte[] rowHash) {}

    /** A removal on record: rows {@code firstSeq .. lastSeq} of a chain, archived under {@code archiveKey}. */
    public record Rotation(long firstSeq, long lastSeq, String archiveKey) {}

    /** The chains of the trail, by number (a small, fixed set: one head row each). */
    public List<Integer> chains() {
        return jdbc.queryForList(CHAINS, Integer.class);
    }

    /** How many rows all chains have had appended (rotated rows included). */
    public long length() {
        Long length = jdbc.queryForObject(LENGTH, Long.class);
        return length == null ? 0 : length;
    }

    /** Locks a chain's head for the current transaction: that chain's appends are serialised through it. */
    public ChainHead lockHead(int chain) {
        return jdbc.queryForObject(LOCK_HEAD, (rs, n) -> new ChainHead(rs.getLong(1), rs.getBytes(2)), chain);
    }

    public ChainHead head(int chain) {
        return jdbc.queryForObject(HEAD, (rs, n) -> new ChainHead(rs.getLong(1), rs.getBytes(2)), chain);
    }

    /** Moves a chain's (locked) head from {@code fromSeq} to a new end. */
    public void moveHead(int chain, long fromSeq, ChainHead to) {
        int updated = jdbc.update(MOVE_HEAD, to.seq(), to.rowHash(), chain, fromSeq);
        if (updated != 1) {
            throw new IllegalStateException("audit chain " + chain + "'s head moved from " + fromSeq + " concurrently");
        }
    }

    /** Every rotation of a chain on record, oldest first (one per archived segment: a small table). */
    public List<Rotation> rotations(int chain) {
        return jdbc.query(ROTATIONS, (rs, n) -> new Rotation(rs.getLong(1), rs.getLong(2), rs.getString(3)), chain);
    }

    /** Where a chain starts now: after its last rotated row, or at its genesis. */
    public ChainHead chainStart(int chain) {
        return jdbc.query(LAST_ROTATION, (rs, n) -> new ChainHead(rs.getLong(1), rs.getBytes(2)), chain).stream()
                .findFirst()
                .orElse(new ChainHead(0, AuditHashing.genesis(chain)));
    }
}
