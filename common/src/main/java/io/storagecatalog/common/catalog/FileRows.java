package io.storagecatalog.common.catalog;

import io.storagecatalog.common.jdbc.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;

/** The columns of {@code storage_files} every reader selects (alias {@code f}), and their mapping to a {@link FileRow}. */
final class FileRows {

    static final String COLUMNS = """
            f.id, f.file_id, f.filename, f.original_name, f.mime_type, f.size, f.checksum, f.checksum_algorithm,
            f.encoding, f.provider, f.provider_path, f.provider_metadata::text AS provider_metadata,
            f.data_classification, f.encrypted, f.encryption_key_id, f.tags::text AS tags,
            f.custom_metadata::text AS custom_metadata, f.organization_id, f.project_id, f.created_by,
            f.updated_by, f.created_at, f.updated_at, f.last_accessed_at, f.access_count, f.status, f.deleted_at
            """;

    private FileRows() {}

    static FileRow map(ResultSet rs) throws SQLException {
        return new FileRow(
                Sql.uuid(rs, "id"),
                rs.getString("file_id"),
                rs.getString("filename"),
                rs.getString("original_name"),
                rs.getString("mime_type"),
                rs.getLong("size"),
                rs.getString("checksum"),
                rs.getString("checksum_algorithm"),
                rs.getString("encoding"),
                rs.getString("provider"),
                rs.getString("provider_path"),
                rs.getString("provider_metadata"),
                rs.getString("data_classification"),
                rs.getBoolean("encrypted"),
                rs.getString("encryption_key_id"),
                Json.strings(rs.getString("tags")),
                rs.getString("custom_metadata"),
                rs.getString("organization_id"),
                rs.getString("project_id"),
                Sql.uuid(rs, "created_by"),
                Sql.uuid(rs, "updated_by"),
                Sql.time(rs, "created_at"),
                Sql.time(rs, "updated_at"),
                Sql.time(rs, "last_accessed_at"),
                rs.getInt("access_count"),
                rs.getString("status"),
                Sql.time(rs, "deleted_at"));
    }
}
