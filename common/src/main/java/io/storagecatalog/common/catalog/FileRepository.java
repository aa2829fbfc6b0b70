package io.storagecatalog.common.catalog;

import io.storagecatalog.common.jdbc.Sql;
import java.sql.PreparedStatement;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The write path of {@code storage_files}: locking a batch's files, writing them, renaming and removing
 * absorbed duplicates; and reading one file.
 */
public class FileRepository {

    private static final String COLUMNS = FileRows.COLUMNS;

    // Locks the rows (in file_id order, so that two writers never wait on each other in a cycle)
    // and sums each file's versions: what it is charged and the next version number.
    private static final String LOCK_WITH_VERSIONS = "SELECT " + COLUMNS + """
            , coalesce(v.stored_bytes, 0) AS stored_bytes, coalesce(v.latest_version, 0) AS latest_version,
            f.announced_versions, f.stored_versions, f.announced_reads, f.stored_reads
            FROM storage_files f
            LEFT JOIN LATERAL (
                SELECT sum(size) AS stored_bytes, max(version_number) AS latest_version
                FROM storage_file_versions WHERE file_id = f.id
            ) v ON true
            WHERE f.file_id = ANY(?) OR f.provider_path COLLATE "C" = ANY(?::text[])
            ORDER BY f.file_id
            FOR UPDATE OF f
            """;

    private static final String UPSERT = """
            INSERT INTO storage_files (id, file_id, filename, original_name, mime_type, size, checksum,
                checksum_algorithm, encoding, provider, provider_path, provider_metadata, data_classification,
                encrypted, encryption_key_id, tags, custom_metadata, organization_id, project_id, created_by,
                updated_by, created_at, updated_at, last_accessed_at, access_count, status, deleted_at,
                announced_versions, stored_versions, announced_reads, stored_reads)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
                ?, ?, ?, ?)
            ON CONFLICT (file_id) DO UPDATE SET
                filename = EXCLUDED.filename, original_name = EXCLUDED.original_name,
                mime_type = EXCLUDED.mime_type, size = EXCLUDED.size, checksum = EXCLUDED.checksum,
                checksum_algorithm = EXCLUDED.checksum_algorithm, encoding = EXCLUDED.encoding,
                provider = EXCLUDED.provider, provider_path = EXCLUDED.provider_path,
                provider_metadata = EXCLUDED.provider_metadata, data_classification = EXCLUDED.data_classification,
                encrypted = EXCLUDED.encrypted, encryption_key_id = EXCLUDED.encryption_key_id,
                tags = EXCLUDED.tags, custom_metadata = EXCLUDED.custom_metadata,
                organization_id = EXCLUDED.organization_id, project_id = EXCLUDED.project_id,
                created_by = EXCLUDED.created_by, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at,
                last_accessed_at = EXCLUDED.last_accessed_at, access_count = EXCLUDED.access_count,
                status = EXCLUDED.status, deleted_at = EXCLUDED.deleted_at,
                announced_versions = EXCLUDED.announced_versions, stored_versions = EXCLUDED.stored_versions,
                announced_reads = EXCLUDED.announced_reads, stored_reads = EXCLUDED.stored_reads
            """;

    // A file known from the store's notifications takes the identity the uploading service gives it.
    private static final String RENAME = "UPDATE storage_files SET file_id = ? WHERE id = ?";

    // A duplicate the same object's owner absorbed; its versions and shares go with it.
    private static final String REMOVE_ABSORBED = "DELETE FROM storage_files WHERE id = ANY(?)";

    private static final String FIND_BY_FILE_ID = "SELECT " + COLUMNS + " FROM storage_files f WHERE f.file_id = ?";
    private static final String FIND_BY_ID = "SELECT " + COLUMNS + " FROM storage_files f WHERE f.id = ?";

    private final JdbcTemplate jdbc;

    public FileRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Locks the named files for the current transaction and returns those that exist, by fileId. */
    public Map<String, StoredFile> lockWithVersions(Collection<String> fileIds) {
        return lockWithVersions(fileIds, List.of());
    }

    /**
     * Locks the named files and every file that holds one of the objects, for the current transaction,
     * and returns those that exist, by fileId.
     */
    public Map<String, StoredFile> lockWithVersions(Collection<String> fileIds, Collection<String> objectPaths) {
        if (fileIds.isEmpty() && objectPaths.isEmpty()) {
            return Map.of();
        }
        Map<String, StoredFile> files = new HashMap<>();
        jdbc.query(
                connection -> {
                    PreparedStatement ps = Sql.plannedEachTime(connection, LOCK_WITH_VERSIONS);
                    ps.setArray(1, Sql.textArray(connection, fileIds));
                    ps.setArray(2, Sql.textArray(connection, objectPaths));
                    return ps;
                },
                rs -> {
                    FileRow row = FileRows.map(rs);
                    files.put(
                            row.fileId(),
                            new StoredFile(
                                    row,
                                    rs.getLong("stored_bytes"),
                                    rs.getInt("latest_version"),
                                    new Announcements(
                                            rs.getInt("announced_versions"),
                                            rs.getInt("stored_versions"),
                                            rs.getInt("announced_reads"),
                                            rs.getInt("stored_reads"))));
                });
        return files;
    }

    /** A file row to write, with how often each side announced its content and its reads. */
    public record FileWrite(FileRow row, Announcements announcements) {}

    /** Gives files known from the store the identity a service gave them: new fileId by row id. */
    public void rename(Map<java.util.UUID, String> newFileIds) {
        if (newFileIds.isEmpty()) {
            return;
        }
        List<Map.Entry<java.util.UUID, String>> entries = List.copyOf(newFileIds.entrySet());
        jdbc.batchUpdate(RENAME, entries, entries.size(), (ps, entry) -> {
            ps.setString(1, entry.getValue());
            Sql.setUuid(ps, 2, entry.getKey());
        });
    }

    /** Removes duplicates absorbed by the file that owns their object. */
    public void removeAbsorbed(Collection<java.util.UUID> ids) {
        if (ids.isEmpty()) {
            return;
        }
        jdbc.update(connection -> {
            PreparedStatement ps = connection.prepareStatement(REMOVE_ABSORBED);
            ps.setArray(1, connection.createArrayOf("uuid", ids.toArray()));
            return ps;
        });
    }

    public java.util.Optional<FileRow> findByFileId(String fileId) {
        return jdbc.query(FIND_BY_FILE_ID, (rs, n) -> FileRows.map(rs), fileId).stream()
                .findFirst();
    }

    public java.util.Optional<FileRow> findById(java.util.UUID id) {
        return jdbc.query(FIND_BY_ID, (rs, n) -> FileRows.map(rs), id).stream().findFirst();
    }

    /** Inserts new files and overwrites existing ones (by fileId), in one batch. */
    public void upsert(List<FileWrite> writes) {
        if (writes.isEmpty()) {
            return;
        }
        jdbc.batchUpdate(UPSERT, writes, writes.size(), (ps, write) -> {
            FileRow row = write.row();
            Announcements announcements = write.announcements();
            Sql.setUuid(ps, 1, row.id());
            ps.setString(2, row.fileId());
            ps.setString(3, row.filename());
            ps.setString(4, row.originalName());
            ps.setString(5, row.mimeType());
            ps.setLong(6, row.size());
            ps.setString(7, row.checksum());
            ps.setString(8, row.checksumAlgorithm());
            ps.setString(9, row.encoding());
            ps.setString(10, row.provider());
            ps.setString(11, row.providerPath());
            ps.setString(12, row.providerMetadataJson());
            ps.setString(13, row.dataClassification());
            ps.setBoolean(14, row.encrypted());
            ps.setString(15, row.encryptionKeyId());
            ps.setString(16, Json.array(row.tags()));
            ps.setString(17, row.customMetadataJson());
            ps.setString(18, row.organizationId());
            ps.setString(19, row.projectId());
            Sql.setUuid(ps, 20, row.createdBy());
            Sql.setUuid(ps, 21, row.updatedBy());
            Sql.setTime(ps, 22, row.createdAt());
            Sql.setTime(ps, 23, row.updatedAt());
            Sql.setTime(ps, 24, row.lastAccessedAt());
            ps.setInt(25, row.accessCount());
            ps.setString(26, row.status());
            Sql.setTime(ps, 27, row.deletedAt());
            ps.setInt(28, announcements.upstreamVersions());
            ps.setInt(29, announcements.storeVersions());
            ps.setInt(30, announcements.upstreamReads());
            ps.setInt(31, announcements.storeReads());
        });
    }
}
