package io.storagecatalog.common.audit;

import io.storagecatalog.common.jdbc.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/** All SQL of the signed checkpoints, their chains' intervals and those intervals' Merkle blocks. */
public class SignedCheckpointRepository {

    private static final String COLUMNS = "s.checkpoint_index, s.body, s.signature, s.object_key";
    private static final String INSERT = """
            INSERT INTO storage_audit_signed_checkpoints (checkpoint_index, body, signature, digest, created_at)
            VALUES (?, ?, ?, ?, ?)
            """;
    private static final String INSERT_CHAIN = """
            INSERT INTO storage_audit_checkpoint_chains (checkpoint_index, chain, chain_from, chain_size)
            VALUES (?, ?, ?, ?)
            """;
    private static final String INSERT_BLOCK =
            "INSERT INTO storage_audit_merkle_blocks (checkpoint_index, chain, block, root) VALUES (?, ?, ?, ?)";
    private static final String STORED =
            "UPDATE storage_audit_signed_checkpoints SET object_key = ? WHERE checkpoint_index = ?";
    private static final String LATEST =
            "SELECT " + COLUMNS + " FROM storage_audit_signed_checkpoints s ORDER BY checkpoint_index DESC LIMIT 1";
    private static final String BY_INDEX =
            "SELECT " + COLUMNS + " FROM storage_audit_signed_checkpoints s WHERE checkpoint_index = ?";
    private static final String AFTER = "SELECT " + COLUMNS + """
             FROM storage_audit_signed_checkpoints s WHERE checkpoint_index > ? ORDER BY checkpoint_index LIMIT ?
            """;
    private static final String NOT_STORED = "SELECT " + COLUMNS + """
             FROM storage_audit_signed_checkpoints s WHERE object_key IS NULL ORDER BY checkpoint_index LIMIT ?
            """;
    private static final String OF_CHAIN = " FROM storage_audit_checkpoint_chains c"
            + " JOIN storage_audit_signed_checkpoints s USING (checkpoint_index) WHERE c.chain = ?";
    // Empty intervals share their end with the interval before them: the one that holds the row starts before it.
    private static final String COVERING = "SELECT " + COLUMNS + OF_CHAIN + """
             AND c.chain_size >= ? AND c.chain_from < ?
            ORDER BY c.chain_size, c.checkpoint_index LIMIT 1
            """;
    private static final String LAST_STORED_END_BETWEEN = "SELECT max(c.chain_size)" + OF_CHAIN + """
             AND c.chain_size >= ? AND c.chain_size <= ? AND s.object_key IS NOT NULL
            """;
    private static final String FIRST_STORED_END_FROM = "SELECT min(c.chain_size)" + OF_CHAIN + """
             AND c.chain_size >= ? AND s.object_key IS NOT NULL
            """;
    private static final String ENDING_BETWEEN = "SELECT " + COLUMNS + OF_CHAIN + """
             AND c.chain_size >= ? AND c.chain_size <= ? ORDER BY c.checkpoint_index
            """;
    private static final String DIGESTS = """
            SELECT digest FROM storage_audit_signed_checkpoints
            WHERE checkpoint_index >= ? AND checkpoint_index <= ? ORDER BY checkpoint_index
            """;
    // One sealer at a time in the whole deployment: the key is this table's name, hashed.
    private static final String LOCK_SEALING =
            "SELECT pg_advisory_xact_lock(hashtext('storage_audit_signed_checkpoints'))";
    private static final String BLOCKS = """
            SELECT root FROM storage_audit_merkle_blocks WHERE checkpoint_index = ? AND chain = ? ORDER BY block
            """;

    private final JdbcTemplate jdbc;

    public SignedCheckpointRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A checkpoint as the catalog holds it, with where its copy is (null until written). */
    public record Held(SignedCheckpoint checkpoint, String objectKey) {}

    /** One complete block of a chain's interval: its number in the interval and its Merkle root. */
    public record Block(int chain, int block, byte[] root) {}

    /** Inserts a checkpoint, its chains' intervals and their block roots (in the caller's transaction). */
    public void insert(SignedCheckpoint checkpoint, List<Block> blocks, java.time.Instant createdAt) {
        jdbc.update(connection -> {
            var ps = connection.prepareStatement(INSERT);
            ps.setLong(1, checkpoint.index());
            ps.setString(2, checkpoint.body());
            ps.setBytes(3, checkpoint.signature());
            ps.setBytes(4, checkpoint.digest());
            Sql.setTime(ps, 5, createdAt);
            return ps;
        });
        jdbc.batchUpdate(INSERT_CHAIN, checkpoint.statement().chains(), 1000, (ps, seal) -> {
            ps.setLong(1, checkpoint.index());
            ps.setInt(2, seal.chain());
            ps.setLong(3, seal.from());
            ps.setLong(4, seal.size());
        });
        jdbc.batchUpdate(INSERT_BLOCK, blocks, 1000, (ps, block) -> {
            ps.setLong(1, checkpoint.index());
            ps.setInt(2, block.chain());
            ps.setInt(3, block.block());
            ps.setBytes(4, block.root());
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

    /** The checkpoint whose interval of a chain holds the row at {@code seq}. */
    public Optional<Held> covering(int chain, long seq) {
        return jdbc.query(COVERING, (rs, n) -> held(rs), chain, seq, seq).stream()
                .findFirst();
    }

    /** The last end of a stored checkpoint's interval of a chain within {@code from .. to}, or null. */
    public Long lastStoredEndBetween(int chain, long from, long to) {
        return jdbc.queryForObject(LAST_STORED_END_BETWEEN, Long.class, chain, from, to);
    }

    /** The first end of a stored checkpoint's interval of a chain at or after {@code from}, or null. */
    public Long firstStoredEndFrom(int chain, long from) {
        return jdbc.queryForObject(FIRST_STORED_END_FROM, Long.class, chain, from);
    }

    /** The checkpoints whose intervals of a chain end within {@code from .. to}, in order. */
    public List<Held> endingBetween(int chain, long from, long to) {
        return jdbc.query(ENDING_BETWEEN, (rs, n) -> held(rs), chain, from, to);
    }

    /** The digests of checkpoints {@code from .. to}, in order. */
    public List<byte[]> digests(long from, long to) {
        return jdbc.query(DIGESTS, (rs, n) -> rs.getBytes(1), from, to);
    }

    /** The Merkle roots of the complete 1,024-row blocks of a checkpoint's interval of a chain, in order. */
    public List<byte[]> blockRoots(long index, int chain) {
        return jdbc.query(BLOCKS, (rs, n) -> rs.getBytes(1), index, chain);
    }

    private static Held held(ResultSet rs) throws SQLException {
        return new Held(
                SignedCheckpoint.parse(rs.getString("body"), rs.getBytes("signature")), rs.getString("object_key"));
    }
}
