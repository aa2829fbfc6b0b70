package io.storagecatalog.common.catalog;

import io.storagecatalog.common.jdbc.Sql;
import java.sql.PreparedStatement;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/** All SQL of {@code storage_file_versions}. */
public class VersionRepository {

    private static final String CLEAR_CURRENT = """
            UPDATE storage_file_versions SET is_current = false
            WHERE is_current AND file_id IN (SELECT id FROM storage_files WHERE file_id = ANY(?))
            """;

    // One statement for a batch's versions, whatever their number: each names its file by fileId, whose row id
    // is looked up in the same statement.
    private static final String INSERT = """
            INSERT INTO storage_file_versions (file_id, version_number, version_file_id, filename, size, checksum,
                mime_type, provider_path, created_by, created_at, change_description, is_current)
            SELECT f.id, v.version_number, v.version_file_id, v.filename, v.size, v.checksum, v.mime_type,
                   v.provider_path, v.created_by, v.created_at, v.change_description, v.is_current
            FROM unnest(?::text[], ?::int[], ?::text[], ?::text[], ?::bigint[], ?::text[], ?::text[], ?::text[],
                        ?::uuid[], ?::timestamptz[], ?::text[], ?::boolean[])
                 AS v(file_key, version_number, version_file_id, filename, size, checksum, mime_type, provider_path,
                      created_by, created_at, change_description, is_current)
            JOIN storage_files f ON f.file_id = v.file_key
            """;

    // The store's notification corrects the size the uploading service announced for the content.
    private static final String CORRECT_SIZE = """
            UPDATE storage_file_versions v SET size = ?
            FROM storage_files f
            WHERE f.id = v.file_id AND f.file_id = ? AND v.version_number = ?
            """;

    private static final String HISTORY = """
            SELECT v.version_number, v.version_file_id, v.filename, v.size, v.checksum, v.mime_type, v.provider_path,
                   v.created_by, v.created_at, v.change_description, v.is_current, f.file_id
            FROM storage_file_versions v JOIN storage_files f ON f.id = v.file_id
            WHERE f.file_id = ?
            ORDER BY v.version_number DESC
            LIMIT ?
            """;

    private final JdbcTemplate jdbc;

    public VersionRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Makes no version of the named files current (before their new current version is inserted). */
    public void clearCurrent(Collection<String> fileIds) {
        if (fileIds.isEmpty()) {
            return;
        }
        jdbc.update(connection -> {
            PreparedStatement ps = Sql.plannedEachTime(connection, CLEAR_CURRENT);
            ps.setArray(1, Sql.textArray(connection, fileIds));
            return ps;
        });
    }

    public void insert(List<VersionRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        jdbc.update(connection -> {
            PreparedStatement ps = Sql.plannedEachTime(connection, INSERT);
            ps.setArray(
                    1,
                    Sql.textArray(
                            connection, rows.stream().map(VersionRow::fileId).toList()));
            ps.setArray(
                    2,
                    connection.createArrayOf(
                            "integer",
                            rows.stream().map(VersionRow::versionNumber).toArray(Integer[]::new)));
            ps.setArray(
                    3,
                    Sql.textArray(
                            connection,
                            rows.stream().map(VersionRow::versionFileId).toList()));
            ps.setArray(
                    4,
                    Sql.textArray(
                            connection, rows.stream().map(VersionRow::filename).toList()));
            ps.setArray(
                    5,
                    connection.createArrayOf(
                            "bigint", rows.stream().map(VersionRow::size).toArray(Long[]::new)));
            ps.setArray(
                    6,
                    Sql.textArray(
                            connection, rows.stream().map(VersionRow::checksum).toList()));
            ps.setArray(
                    7,
                    Sql.textArray(
                            connection, rows.stream().map(VersionRow::mimeType).toList()));
            ps.setArray(
                    8,
                    Sql.textArray(
                            connection,
                            rows.stream().map(VersionRow::providerPath).toList()));
            ps.setArray(
                    9,
                    connection.createArrayOf(
                            "uuid", rows.stream().map(VersionRow::createdBy).toArray(java.util.UUID[]::new)));
            ps.setArray(
                    10,
                    Sql.timeArray(
                            connection, rows.stream().map(VersionRow::createdAt).toList()));
            ps.setArray(
                    11,
                    Sql.textArray(
                            connection,
                            rows.stream().map(VersionRow::changeDescription).toList()));
            ps.setArray(
                    12,
                    connection.createArrayOf(
                            "boolean", rows.stream().map(VersionRow::current).toArray(Boolean[]::new)));
            return ps;
        });
    }

    /** Versions of a file, newest first, at most {@code limit}. */
    public List<VersionRow> history(String fileId, int limit) {
        return jdbc.query(
                HISTORY,
                (rs, n) -> new VersionRow(
                        rs.getString("file_id"),
                        rs.getInt("version_number"),
                        rs.getString("version_file_id"),
                        rs.getString("filename"),
                        rs.getLong("size"),
                        rs.getString("checksum"),
                        rs.getString("mime_type"),
                        rs.getString("provider_path"),
                        Sql.uuid(rs, "created_by"),
                        Sql.time(rs, "created_at"),
                        rs.getString("change_description"),
                        rs.getBoolean("is_current")),
                fileId,
                limit);
    }

    /** The size the store reported for a version, which another side announced with another size. */
    public record SizeCorrection(String fileId, int versionNumber, long size) {}

    public void correctSizes(List<SizeCorrection> corrections) {
        if (corrections.isEmpty()) {
            return;
        }
        jdbc.batchUpdate(CORRECT_SIZE, corrections, corrections.size(), (ps, correction) -> {
            ps.setLong(1, correction.size());
            ps.setString(2, correction.fileId());
            ps.setInt(3, correction.versionNumber());
        });
    }
}
