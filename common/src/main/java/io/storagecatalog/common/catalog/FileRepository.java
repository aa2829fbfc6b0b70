package io.storagecatalog.common.catalog;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

import io.storagecatalog.common.jdbc.Sql;

/** All SQL of {@code storage_files}. */
public class FileRepository {

    static final String COLUMNS = """
            f.id, f.file_id, f.filename, f.original_name, f.mime_type, f.size, f.checksum, f.checksum_algorithm,
            f.encoding, f.provider, f.provider_path, f.provider_metadata::text AS provider_metadata,
            f.data_classification, f.encrypted, f.encryption_key_id, f.tags::text AS tags,
            f.custom_metadata::text AS custom_metadata, f.organization_id, f.project_id, f.created_by,
            f.updated_by, f.created_at, f.updated_at, f.last_accessed_at, f.access_count, f.status, f.deleted_at
            """;

    // Locks the rows (in file_id order, so that two writers never wait on each other in a cycle)
    // and sums each file's versions: what it is charged and the next version number.
    private static final String LOCK_WITH_VERSIONS = "SELECT " + COLUMNS + """
            , coalesce(v.stored_bytes, 0) AS stored_bytes, coalesce(v.latest_version, 0) AS latest_version
            FROM storage_files f
            LEFT JOIN LATERAL (
                SELECT sum(size) AS stored_bytes, max(version_number) AS latest_version
                FROM storage_file_versions WHERE file_id = f.id
            ) v ON true
            WHERE f.file_id = ANY(?)
            ORDER BY f.file_id
            FOR UPDATE OF f
            """;

    private static final String UPSERT = """
            INSERT INTO storage_files (id, file_id, filename, original_name, mime_type, size, checksum,
                checksum_algorithm, encoding, provider, provider_path, provider_metadata, data_classification,
                encrypted, encryption_key_id, tags, custom_metadata, organization_id, project_id, created_by,
                updated_by, created_at, updated_at, last_accessed_at, access_count, status, deleted_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (file_id) DO UPDATE SET
                filename = EXCLUDED.filename, original_name = EXCLUDED.original_name,
                mime_type = EXCLUDED.mime_type, size = EXCLUDED.size, checksum = EXCLUDED.checksum,
                checksum_algorithm = EXCLUDED.checksum_algorithm, encoding = EXCLUDED.encoding,
                provider = EXCLUDED.provider, provider_path = EXCLUDED.provider_path,
                provider_metadata = EXCLUDED.provider_metadata, data_classification = EXCLUDED.data_classification,
                encrypted = EXCLUDED.encrypted, encryption_key_id = EXCLUDED.encryption_key_id,
                tags = EXCLUDED.tags, custom_metadata = EXCLUDED.custom_metadata,
                organization_id = EXCLUDED.organization_id, project_id = EXCLUDED.project_id,
                updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at,
                last_accessed_at = EXCLUDED.last_accessed_at, access_count = EXCLUDED.access_count,
                status = EXCLUDED.status, deleted_at = EXCLUDED.deleted_at
            """;

    private static final String FIND_BY_FILE_ID = "SELECT " + COLUMNS + " FROM storage_files f WHERE f.file_id = ?";

    private final JdbcTemplate jdbc;

    public FileRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Locks the named files for the current transaction and returns those that exist, by fileId. */
    public Map<String, StoredFile> lockWithVersions(Collection<String> fileIds) {
        if (fileIds.isEmpty()) {
            return Map.of();
        }
        Map<String, StoredFile> files = new HashMap<>();
        jdbc.query(connection -> {
            PreparedStatement ps = connection.prepareStatement(LOCK_WITH_VERSIONS);
            ps.setArray(1, Sql.textArray(connection, fileIds));
            return ps;
        }, rs -> {
            FileRow row = map(rs);
            files.put(row.fileId(), new StoredFile(row, rs.getLong("stored_bytes"), rs.getInt("latest_version")));
        });
        return files;
    }

    public java.util.Optional<FileRow> findByFileId(String fileId) {
        return jdbc.query(FIND_BY_FILE_ID, (rs, n) -> map(rs), fileId).stream().findFirst();
    }

    /** Inserts new files and overwrites existing ones (by fileId), in one batch. */
    public void upsert(List<FileRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        jdbc.batchUpdate(UPSERT, rows, rows.size(), (ps, row) -> {
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
        });
    }

    static FileRow map(ResultSet rs) throws SQLException {
        return new FileRow(Sql.uuid(rs, "id"), rs.getString("file_id"), rs.getString("filename"),
                rs.getString("original_name"), rs.getString("mime_type"), rs.getLong("size"), rs.getString("checksum"),
                rs.getString("checksum_algorithm"), rs.getString("encoding"), rs.getString("provider"),
                rs.getString("provider_path"), rs.getString("provider_metadata"), rs.getString("data_classification"),
                rs.getBoolean("encrypted"), rs.getString("encryption_key_id"), Json.strings(rs.getString("tags")),
                rs.getString("custom_metadata"), rs.getString("organization_id"), rs.getString("project_id"),
                Sql.uuid(rs, "created_by"), Sql.uuid(rs, "updated_by"), Sql.time(rs, "created_at"),
                Sql.time(rs, "updated_at"), Sql.time(rs, "last_accessed_at"), rs.getInt("access_count"),
                rs.getString("status"), Sql.time(rs, "deleted_at"));
    }
}
