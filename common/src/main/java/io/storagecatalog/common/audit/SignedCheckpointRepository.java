package io.storagecatalog.common.audit;

import io.storagecatalog.common.jdbc.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/** All SQL of the signed checkpoints and their intervals' Merkle blocks. */
public class SignedCheckpointRepository {

    private static final String COLUMNS = "checkpoint_index, body, signature, object_key";
    private static final String INSERT = """
            INSERT INTO storage_audit_signed_checkpoints
                (checkpoint_index, chain_from, chain_size, body, signature, digest, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """;
    private static final String INSERT_BLOCK =
            "INSERT INTO storage_audit_merkle_blocks (checkpoint_index, block, root) VALUES (?, ?, ?)";
    private static final String STORED =
            "UPDATE storage_audit_signed_checkpoints SET object_key = ? WHERE checkpoint_index = ?";
    private static final String LATEST =
            "SELECT " + COLUMNS + " FROM storage_audit_signed_checkpoints ORDER BY checkpoint_index DESC LIMIT 1";
    private static final String BY_INDEX =
            "SELECT " + COLUMNS + " FROM storage_audit_signed_checkpoints WHERE checkpoint_index = ?";
    private static final String AFTER = "SELECT " + COLUMNS + """
             FROM storage_audit_signed_checkpoints WHERE checkpoint_index > ? ORDER BY checkpoint_index LIMIT ?
            """;
    private static final String NOT_STORED = "SELECT " + COLUMNS + """
             FROM storage_audit_signed_checkpoints WHERE object_key IS NULL ORDER BY checkpoint_index LIMIT ?
            """;
    // Empty intervals share their end with the interval before them: the one that holds the row starts before it.
    private static final String COVERING = "SELECT " + COLUMNS + """
             FROM storage_audit_signed_checkpoints WHERE chain_size >= ? AND chain_from < ?
            ORDER BY chain_size, checkpoint_index LIMIT 1
            """;
    private static final String LAST_STORED_END_BETWEEN = """
            SELECT max(chain_size) FROM storage_audit_signed_checkpoints
            WHERE chain_size >= ? AND chain_size <= ? AND object_key IS NOT NULL
            """;
    private static final String FIRST_STORED_END_FROM = """
            SELECT min(chain_size) FROM storage_audit_signed_checkpoints
            WHERE chain_size >= ? AND object_key IS NOT NULL
            """;
    private static final String ENDING_BETWEEN = "SELECT " + COLUMNS + """
             FROM storage_audit_signed_checkpoints WHERE chain_size >= ? AND chain_size <= ? ORDER BY checkpoint_index
            """;
    private static final String DIGESTS = """
            SELECT digest FROM storage_audit_signed_checkpoints
            WHERE checkpoint_index >= ? AND checkpoint_index <= ? ORDER BY checkpoint_index
            """;
    // One sealer at a time in the whole deployment: the key is this table's name, hashed.
    private static final String LOCK_SEALING =
            "SELECT pg_advisory_xact_lock(hashtext('storage_audit_signed_checkpoints'))";
    private static final String BLOCKS =
            "SELECT root FROM storage_audit_merkle_blocks WHERE checkpoint_index = ? ORDER BY block";

    private final JdbcTemplate jdbc;

    public SignedCheckpointRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A checkpoint as the catalog holds it, with where its copy is (null until written). */
    public record Held(SignedCheckpoint checkpoint, String objectKey) {}

    /** Inserts a checkpoint and its interval's block roots (in the caller's transaction). */
    public void insert(SignedCheckpoint checkpoint, List<byte[]> blockRoots, java.time.Instant createdAt) {
        SignedCheckpoint.ChainSeal seal = checkpoint.statement().chain();
        jdbc.update(connection -> {
            var ps = connection.prepareStatement(INSERT);
            ps.setLong(1, checkpoint.index());
            ps.setLong(2, seal.from());
            ps.setLong(3, seal.size());
            ps.setString(4, checkpoint.body());
            ps.setBytes(5, checkpoint.signature());
            ps.setBytes(6, checkpoint.digest());
            Sql.setTime(ps, 7, createdAt);
            return ps;
        });
        List<Integer> blocks =
                java.util.stream.IntStream.range(0, blockRoots.size()).boxed().toList();
        jdbc.batchUpdate(INSERT_BLOCK, blocks, 1000, (ps, block) -> {
            ps.setLong(1, checkpoint.index());
            ps.setInt(2, block);
            ps.setBytes(3, blockRoots.get(block));
        });
    }

    /** Holds the sealing lock until the caller's transaction ends. */
    public void lockSealing() {
        jdbc.query(LOCK_SEALING, rs -> {});
    }

    public void markStored(long index, String objectKey) {
        jdbc.update(STORED, objectKey, index);
    }

    public Optional<Held> latest() {
        return jdbc.query(LATEST, (rs, n) -> held(rs)).stream().findFirst();
    }

    public Optional<Held> byIndex(long index) {
        return jdbc.query(BY_INDEX, (rs, n) -> held(rs), index).stream().findFirst();
    }

    /** Up to {@code limit} checkpoints after {@code index}, in order. */
    public List<Held> after(long index, int limit) {
        return jdbc.query(AFTER, (rs, n) -> held(rs), index, limit);
    }

    /** Checkpoints whose copy is not in the object store yet, oldest first. */
    public List<Held> notStored(int limit) {
        return jdbc.query(NOT_STORED, (rs, n) -> held(rs), limit);
    }

    /** The checkpoint whose interval holds the row at {@code seq}. */
    public Optional<Held> covering(long seq) {
        return jdbc.query(COVERING, (rs, n) -> held(rs), seq, seq).stream().findFirst();
    }

    /** The last end of a stored checkpoint's interval within {@code from .. to}, or null. */
    public Long lastStoredEndBetween(long from, long to) {
        return jdbc.queryForObject(LAST_STORED_END_BETWEEN, Long.class, from, to);
    }

    /** The first end of a stored checkpoint's interval at or after {@code from}, or null. */
    public Long firstStoredEndFrom(long from) {
        return jdbc.queryForObject(FIRST_STORED_END_FROM, Long.class, from);
    }

    /** The checkpoints whose intervals end within {@code from .. to}, in order. */
    public List<Held> endingBetween(long from, long to) {
        return jdbc.query(ENDING_BETWEEN, (rs, n) -> held(rs), from, to);
    }

    /** The digests of checkpoints {@code from .. to}, in order. */
    public List<byte[]> digests(long from, long to) {
        return jdbc.query(DIGESTS, (rs, n) -> rs.getBytes(1), from, to);
    }

    /** The Merkle roots of the complete 1,024-row blocks of a checkpoint's interval, in order. */
    public List<byte[]> blockRoots(long index) {
        return jdbc.query(BLOCKS, (rs, n) -> rs.getBytes(1), index);
    }

    private static Held held(ResultSet rs) throws SQLException {
        return new Held(
                SignedCheckpoint.parse(rs.getString("body"), rs.getBytes("signature")), rs.getString("object_key"));
    }
}
