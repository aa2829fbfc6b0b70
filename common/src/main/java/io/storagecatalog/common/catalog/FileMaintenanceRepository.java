package io.storagecatalog.common.catalog;

import io.storagecatalog.common.jdbc.Sql;
import java.sql.PreparedStatement;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the maintenance jobs do to {@code storage_files}: purge soft-deleted files past retention, find
 * the objects still named, mark files corrupted, and the catalog's side of a reconciliation window.
 */
public class FileMaintenanceRepository {

    // Soft-deleted files past retention, a page at a time (keyset on id), with every object path they hold.
    private static final String PURGEABLE = """
            SELECT f.id, f.file_id, f.provider_path,
                   coalesce((SELECT array_agg(DISTINCT v.provider_path) FROM storage_file_versions v WHERE v.file_id = f.id),
                            '{}') AS version_paths
            FROM storage_files f
            WHERE f.status = 'deleted' AND f.deleted_at < ? AND f.id > ?
            ORDER BY f.id LIMIT ?
            """;

    private static final String PURGE = """
            DELETE FROM storage_files WHERE id = ANY(?) AND status = 'deleted' RETURNING id
            """;

    // The objects some row still names: a live file, a copy sharing the object, a version, a deleted file
    // not yet purged. Served by the C-collated indexes on both tables' paths.
    private static final String STILL_REFERENCED = """
            SELECT p FROM unnest(?::text[]) AS p
            WHERE EXISTS (SELECT 1 FROM storage_files f WHERE f.provider_path COLLATE "C" = p COLLATE "C")
               OR EXISTS (SELECT 1 FROM storage_file_versions v WHERE v.provider_path COLLATE "C" = p COLLATE "C")
            """;

    private static final String MARK_CORRUPTED = """
            UPDATE storage_files SET status = 'corrupted', updated_at = ?
            WHERE file_id = ANY(?) AND status = 'active'
            RETURNING file_id
            """;

    // The catalog's side of a reconciliation window, in the store's listing order (UTF-8 bytes = "C").
    // For each path: whether an active file's current content must be there, with which size.
    private static final String KNOWN_PATHS = """
            SELECT path, max(expected_size) AS expected_size,
                   array_agg(file_id ORDER BY file_id) FILTER (WHERE file_id IS NOT NULL) AS active_files
            FROM (
                SELECT provider_path AS path, size AS expected_size, file_id FROM storage_files
                WHERE status = 'active' AND provider_path COLLATE "C" > ? AND provider_path COLLATE "C" <= ?
                UNION ALL
                SELECT provider_path, NULL, NULL FROM storage_files
                WHERE status <> 'active' AND provider_path COLLATE "C" > ? AND provider_path COLLATE "C" <= ?
                UNION ALL
                SELECT provider_path, NULL, NULL FROM storage_file_versions
                WHERE provider_path COLLATE "C" > ? AND provider_path COLLATE "C" <= ?
            ) known
            GROUP BY path ORDER BY path COLLATE "C"
            """;

    private static final String BUCKETS = """
            SELECT DISTINCT split_part(provider_path, '/', 1) AS bucket FROM storage_files
            WHERE provider_path LIKE '%/%' ORDER BY 1
            """;

    private final JdbcTemplate jdbc;

    public FileMaintenanceRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A soft-deleted file to purge, with the object paths of its current content and of every version. */
    public record PurgeableFile(java.util.UUID id, String fileId, java.util.Set<String> objectPaths) {}

    public List<PurgeableFile> purgeable(java.time.Instant deletedBefore, java.util.UUID afterId, int limit) {
        return jdbc.query(
                connection -> {
                    PreparedStatement ps = connection.prepareStatement(PURGEABLE);
                    Sql.setTime(ps, 1, deletedBefore);
                    Sql.setUuid(ps, 2, afterId);
                    ps.setInt(3, limit);
                    return ps;
                },
                (rs, n) -> {
                    java.util.Set<String> paths = new java.util.TreeSet<>(
                            List.of((String[]) rs.getArray("version_paths").getArray()));
                    paths.add(rs.getString("provider_path"));
                    return new PurgeableFile(Sql.uuid(rs, "id"), rs.getString("file_id"), paths);
                });
    }

    /** The buckets the catalog's paths ({@code bucket/key}) name. */
    public List<String> buckets() {
        return jdbc.queryForList(BUCKETS, String.class);
    }

    /** Removes soft-deleted file rows (their versions and shares go with them; their audit trail stays). */
    /**
     * Of these object paths ({@code bucket/key}), those a catalog row still names. Asked in the transaction
     * that removed the rows of a purge, after it removed them: a copy that shares an object keeps it.
     */
    public java.util.Set<String> stillReferenced(Collection<String> paths) {
        java.util.Set<String> referenced = new java.util.HashSet<>();
        if (paths.isEmpty()) {
            return referenced;
        }
        jdbc.query(
                connection -> {
                    PreparedStatement ps = connection.prepareStatement(STILL_REFERENCED);
                    ps.setArray(1, Sql.textArray(connection, paths));
                    return ps;
                },
                rs -> {
                    referenced.add(rs.getString(1));
                });
        return referenced;
    }

    /** Removes the rows of these files that are still deleted (versions and shares go with them); returns those removed. */
    public java.util.Set<java.util.UUID> purge(List<java.util.UUID> ids) {
        java.util.Set<java.util.UUID> purged = new java.util.HashSet<>();
        if (ids.isEmpty()) {
            return purged;
        }
        jdbc.query(
                connection -> {
                    PreparedStatement ps = connection.prepareStatement(PURGE);
                    ps.setArray(1, connection.createArrayOf("uuid", ids.toArray()));
                    return ps;
                },
                rs -> {
                    purged.add(rs.getObject(1, java.util.UUID.class));
                });
        return purged;
    }

    /** Marks the active ones of these files corrupted; returns those it changed (others were not active). */
    public List<String> markCorrupted(Collection<String> fileIds, java.time.Instant at) {
        if (fileIds.isEmpty()) {
            return List.of();
        }
        return jdbc.query(
                connection -> {
                    PreparedStatement ps = connection.prepareStatement(MARK_CORRUPTED);
                    Sql.setTime(ps, 1, at);
                    ps.setArray(2, Sql.textArray(connection, fileIds));
                    return ps;
                },
                (rs, n) -> rs.getString(1));
    }

    /**
     * A path the catalog knows, in a reconciliation window.
     *
     * @param expectedSize the size an active file's current content must have there, or null when no
     *                     active file's current content is there (an old version, a deleted file)
     * @param activeFiles  the active files whose current content is there
     */
    public record KnownPath(String path, Long expectedSize, List<String> activeFiles) {}

    /** Known paths with {@code afterPath < path <= upToPath}, in UTF-8 byte order. */
    public void knownPaths(String afterPath, String upToPath, java.util.function.Consumer<KnownPath> consumer) {
        jdbc.query(
                connection -> {
                    PreparedStatement ps = connection.prepareStatement(KNOWN_PATHS);
                    for (int i = 0; i < 3; i++) {
                        ps.setString(1 + 2 * i, afterPath);
                        ps.setString(2 + 2 * i, upToPath);
                    }
                    ps.setFetchSize(1000);
                    return ps;
                },
                rs -> {
                    java.sql.Array files = rs.getArray("active_files");
                    consumer.accept(new KnownPath(
                            rs.getString("path"),
                            rs.getObject("expected_size", Long.class),
                            files == null ? List.of() : List.of((String[]) files.getArray())));
                });
    }
}
