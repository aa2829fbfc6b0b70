package io.storagecatalog.ingest.apply;

import io.storagecatalog.common.jdbc.Sql;
import java.sql.PreparedStatement;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** All SQL of {@code storage_object_sequences}: the newest S3 notification applied per object. */
@Component
class ObjectSequenceRepository {

    private static final String LOCK = """
            SELECT file_id, sequence, removed FROM storage_object_sequences
            WHERE file_id = ANY(?) ORDER BY file_id FOR UPDATE
            """;

    private static final String UPSERT = """
            INSERT INTO storage_object_sequences (file_id, sequence, removed, updated_at) VALUES (?, ?, ?, now())
            ON CONFLICT (file_id) DO UPDATE SET sequence = EXCLUDED.sequence, removed = EXCLUDED.removed,
                updated_at = now()
            WHERE storage_object_sequences.sequence < EXCLUDED.sequence
            """;

    private final JdbcTemplate jdbc;

    public ObjectSequenceRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The newest notification applied to an object. */
    public record ObjectSequence(String fileId, String sequence, boolean removed) {}

    public Map<String, ObjectSequence> lock(Collection<String> fileIds) {
        Map<String, ObjectSequence> sequences = new HashMap<>();
        if (fileIds.isEmpty()) {
            return sequences;
        }
        jdbc.query(
                connection -> {
                    PreparedStatement ps = Sql.plannedEachTime(connection, LOCK);
                    ps.setArray(1, Sql.textArray(connection, fileIds));
                    return ps;
                },
                rs -> {
                    sequences.put(
                            rs.getString(1), new ObjectSequence(rs.getString(1), rs.getString(2), rs.getBoolean(3)));
                });
        return sequences;
    }

    /** Records newer sequences; a stored newer one is never replaced by an older one. */
    public void upsert(List<ObjectSequence> sequences) {
        if (sequences.isEmpty()) {
            return;
        }
        jdbc.batchUpdate(UPSERT, sequences, sequences.size(), (ps, sequence) -> {
            ps.setString(1, sequence.fileId());
            ps.setString(2, sequence.sequence());
            ps.setBoolean(3, sequence.removed());
        });
    }
}
