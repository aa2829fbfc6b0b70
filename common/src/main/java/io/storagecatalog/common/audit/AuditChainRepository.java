package io.storagecatalog.common.audit;

import io.storagecatalog.common.jdbc.Sql;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/** All SQL of the chain's own tables: its head, its checkpoints and the record of rotations. */
public class AuditChainRepository {

    private static final String LOCK_HEAD =
            "SELECT seq, row_hash FROM storage_audit_chain_head WHERE id = 1 FOR UPDATE";
    private static final String HEAD = "SELECT seq, row_hash FROM storage_audit_chain_head WHERE id = 1";
    private static final String MOVE_HEAD = """
            UPDATE storage_audit_chain_head SET seq = ?, row_hash = ?, updated_at = now() WHERE id = 1 AND seq = ?
            """;
    private static final String INSERT_CHECKPOINT = """
            INSERT INTO storage_audit_checkpoints (seq, row_hash, row_count, created_at) VALUES (?, ?, ?, ?)
            ON CONFLICT (seq) DO NOTHING
            """;
    private static final String CHECKPOINT_STORED = "UPDATE storage_audit_checkpoints SET object_key = ? WHERE seq = ?";
    private static final String LATEST_CHECKPOINT = """
            SELECT seq, row_hash, row_count, created_at, object_key FROM storage_audit_checkpoints
            ORDER BY seq DESC LIMIT 1
            """;
    private static final String CHECKPOINTS_BETWEEN = """
            SELECT seq, row_hash, row_count, created_at, object_key FROM storage_audit_checkpoints
            WHERE seq > ? AND seq <= ? ORDER BY seq
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

    /** A checkpoint: the chain head at a moment; {@code objectKey} where its copy is in the object store. */
    public record Checkpoint(long seq, byte[] rowHash, long rowCount, Instant createdAt, String objectKey) {}

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

    public void saveCheckpoint(Checkpoint checkpoint) {
        jdbc.update(connection -> {
            var ps = connection.prepareStatement(INSERT_CHECKPOINT);
            ps.setLong(1, checkpoint.seq());
            ps.setBytes(2, checkpoint.rowHash());
            ps.setLong(3, checkpoint.rowCount());
            Sql.setTime(ps, 4, checkpoint.createdAt());
            return ps;
        });
    }

    public void markCheckpointStored(long seq, String objectKey) {
        jdbc.update(CHECKPOINT_STORED, objectKey, seq);
    }

    public Optional<Checkpoint> latestCheckpoint() {
        return jdbc.query(LATEST_CHECKPOINT, (rs, n) -> checkpoint(rs)).stream().findFirst();
    }

    public List<Checkpoint> checkpointsBetween(long afterSeq, long toSeq) {
        return jdbc.query(CHECKPOINTS_BETWEEN, (rs, n) -> checkpoint(rs), afterSeq, toSeq);
    }

    /** Where the chain starts now: after the last rotated row, or at the genesis. */
    public ChainHead chainStart() {
        return jdbc.query(LAST_ROTATION, (rs, n) -> new ChainHead(rs.getLong(1), rs.getBytes(2))).stream()
                .findFirst()
                .orElse(new ChainHead(0, AuditHashing.GENESIS));
    }

    private static Checkpoint checkpoint(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Checkpoint(
                rs.getLong("seq"),
                rs.getBytes("row_hash"),
                rs.getLong("row_count"),
                Sql.time(rs, "created_at"),
                rs.getString("object_key"));
    }
}
