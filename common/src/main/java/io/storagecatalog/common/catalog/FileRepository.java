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
        jdbc.query(connection -> {
            PreparedStatement ps = Sql.plannedEachTime(connection, LOCK_WITH_VERSIONS);
            ps.setArray(1, Sql.textArray(connection, fileIds));
            ps.setArray(2, Sql.textArray(connection, objectPaths));
            return ps;
        }, rs -> {
            FileRow row = map(rs);
            files.put(row.fileId(), new StoredFile(row, rs.getLong("stored_bytes"), rs.getInt("latest_version"),
                    new Announcements(rs.getInt("announced_versions"), rs.getInt("stored_versions"),
                            rs.getInt("announced_reads"), rs.getInt("stored_reads"))));
        });
        return files;
    }

    /** A file row to write, with how often each side announced its content and its reads. */
    public record FileWrite(FileRow row, Announcements announcements) {
    }

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
        return jdbc.query(FIND_BY_FILE_ID, (rs, n) -> map(rs), fileId).stream().findFirst();
    }

    public java.util.Optional<FileRow> findById(java.util.UUID id) {
        return jdbc.query(FIND_BY_ID, (rs, n) -> map(rs), id).stream().findFirst();
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

    /** A soft-deleted file to purge, with the object paths of its current content and of every version. */
    public record PurgeableFile(java.util.UUID id, String fileId, java.util.Set<String> objectPaths) {
    }

    public List<PurgeableFile> purgeable(java.time.Instant deletedBefore, java.util.UUID afterId, int limit) {
        return jdbc.query(connection -> {
            PreparedStatement ps = connection.prepareStatement(PURGEABLE);
            Sql.setTime(ps, 1, deletedBefore);
            Sql.setUuid(ps, 2, afterId);
            ps.setInt(3, limit);
            return ps;
        }, (rs, n) -> {
            java.util.Set<String> paths = new java.util.TreeSet<>(List.of((String[]) rs.getArray("version_paths")
                    .getArray()));
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
        jdbc.query(connection -> {
            PreparedStatement ps = connection.prepareStatement(STILL_REFERENCED);
            ps.setArray(1, Sql.textArray(connection, paths));
            return ps;
        }, rs -> {
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
        jdbc.query(connection -> {
            PreparedStatement ps = connection.prepareStatement(PURGE);
            ps.setArray(1, connection.createArrayOf("uuid", ids.toArray()));
            return ps;
        }, rs -> {
            purged.add(rs.getObject(1, java.util.UUID.class));
        });
        return purged;
    }

    /** Marks the active ones of these files corrupted; returns those it changed (others were not active). */
    public List<String> markCorrupted(Collection<String> fileIds, java.time.Instant at) {
        if (fileIds.isEmpty()) {
            return List.of();
        }
        return jdbc.query(connection -> {
            PreparedStatement ps = connection.prepareStatement(MARK_CORRUPTED);
            Sql.setTime(ps, 1, at);
            ps.setArray(2, Sql.textArray(connection, fileIds));
            return ps;
        }, (rs, n) -> rs.getString(1));
    }

    /**
     * A path the catalog knows, in a reconciliation window.
     *
     * @param expectedSize the size an active file's current content must have there, or null when no
     *                     active file's current content is there (an old version, a deleted file)
     * @param activeFiles  the active files whose current content is there
     */
    public record KnownPath(String path, Long expectedSize, List<String> activeFiles) {
    }

    /** Known paths with {@code afterPath < path <= upToPath}, in UTF-8 byte order. */
    public void knownPaths(String afterPath, String upToPath, java.util.function.Consumer<KnownPath> consumer) {
        jdbc.query(connection -> {
            PreparedStatement ps = connection.prepareStatement(KNOWN_PATHS);
            for (int i = 0; i < 3; i++) {
                ps.setString(1 + 2 * i, afterPath);
                ps.setString(2 + 2 * i, upToPath);
            }
            ps.setFetchSize(1000);
            return ps;
        }, rs -> {
            java.sql.Array files = rs.getArray("active_files");
            consumer.accept(new KnownPath(rs.getString("path"), rs.getObject("expected_size", Long.class),
                    files == null ? List.of() : List.of((String[]) files.getArray())));
        });
    }

    /**
     * One page of files matching the filter, in the filter's order, with keyset pagination (the cursor
     * is the last row's sort key and id). Built from fixed SQL fragments with bind parameters only;
     * search text is matched literally (LIKE wildcards and backslashes in it are escaped) through the
     * trigram indexes. No count: a page walks an index in its order and stops at the page's end, while a
     * count must visit every match ({@link #count}, on demand).
     */
    public FilePage list(FileFilter filter) {
        Selection selection = Selection.of(filter);
        SortKey key = SortKey.of(filter.sort());
        StringBuilder page = new StringBuilder(selection.where());
        List<Object> args = new java.util.ArrayList<>(selection.args());
        if (filter.cursor() != null) {
            Cursor cursor = Cursor.decode(filter.cursor());
            page.append(" AND (").append(key.column).append(", f.id) ").append(key.descending ? "<" : ">")
                    .append(" (?, ?)");
            args.add(key.parse(cursor.value()));
            args.add(cursor.id());
        }
        String direction = key.descending ? " DESC" : " ASC";
        String sql = "SELECT " + COLUMNS + " FROM storage_files f" + page + " ORDER BY " + key.column + direction
                + ", f.id" + direction + " LIMIT ?";
        args.add(filter.limit() + 1);
        List<FileRow> rows = jdbc.query(sql, (rs, n) -> map(rs), args.toArray());
        String next = null;
        if (rows.size() > filter.limit()) {
            rows = rows.subList(0, filter.limit());
            FileRow last = rows.get(rows.size() - 1);
            next = new Cursor(key.valueOf(last), last.id()).encode();
        }
        return new FilePage(List.copyOf(rows), next);
    }

    /**
     * How many files match the filter (its cursor, sort and page size aside): exact up to
     * {@value FilePageLimits#COUNT_CAP}, above that the cap as a lower bound. Counting stops after
     * {@code COUNT_CAP + 1} matches: an exact count of millions would cost more than the page.
     */
    public FileCount count(FileFilter filter) {
        Selection selection = Selection.of(filter);
        long counted = jdbc.queryForObject("SELECT count(*) FROM (SELECT 1 FROM storage_files f" + selection.where()
                + " LIMIT " + (FilePageLimits.COUNT_CAP + 1) + ") capped", Long.class, selection.args().toArray());
        return new FileCount(Math.min(counted, FilePageLimits.COUNT_CAP), counted <= FilePageLimits.COUNT_CAP);
    }

    /** The conditions of a filter: a WHERE clause of fixed fragments and its bind parameters, in order. */
    private record Selection(String where, List<Object> args) {

        static Selection of(FileFilter filter) {
            StringBuilder where = new StringBuilder(" WHERE true");
            List<Object> args = new java.util.ArrayList<>();
            if (filter.ownerId() != null) {
                where.append(" AND f.created_by = ?");
                args.add(filter.ownerId());
            }
            if (filter.mimeType() != null) {
                if (filter.mimeType().endsWith("/")) {
                    where.append(" AND f.mime_type LIKE ?");
                    args.add(likeEscape(filter.mimeType()) + "%");
                } else {
                    where.append(" AND f.mime_type = ?");
                    args.add(filter.mimeType());
                }
            }
            if (filter.classification() != null) {
                where.append(" AND f.data_classification = ?");
                args.add(filter.classification());
            }
            if (filter.status() != null) {
                where.append(" AND f.status = ?");
                args.add(filter.status());
            } else if (!filter.includeDeleted()) {
                where.append(" AND f.status <> 'deleted'");
            }
            if (!filter.tags().isEmpty()) {
                where.append(" AND f.tags @> ?::jsonb");
                args.add(Json.array(filter.tags()));
            }
            if (filter.createdFrom() != null) {
                where.append(" AND f.created_at >= ?");
                args.add(java.sql.Timestamp.from(filter.createdFrom()));
            }
            if (filter.createdTo() != null) {
                where.append(" AND f.created_at < ?");
                args.add(java.sql.Timestamp.from(filter.createdTo()));
            }
            if (filter.search() != null && !filter.search().isBlank()) {
                // The names' trigram index (V9: the owner first, then the names joined by '/') serves the
                // first condition, with or without an owner; the second keeps out a match that spans the
                // two names.
                String pattern = "%" + likeEscape(filter.search()) + "%";
                where.append(" AND (f.filename || '/' || f.original_name) ILIKE ? ESCAPE '\\'"
                        + " AND (f.filename ILIKE ? ESCAPE '\\' OR f.original_name ILIKE ? ESCAPE '\\')");
                args.add(pattern);
                args.add(pattern);
                args.add(pattern);
            }
            return new Selection(where.toString(), List.copyOf(args));
        }
    }

    static String likeEscape(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** The sort column of each order; its values travel in the cursor as text. */
    private enum SortKey {
        CREATED_DESC("f.created_at", true), CREATED_ASC("f.created_at", false), NAME("f.filename", false),
        SIZE_DESC("f.size", true);

        final String column;
        final boolean descending;

        SortKey(String column, boolean descending) {
            this.column = column;
            this.descending = descending;
        }

        static SortKey of(FileFilter.FileSort sort) {
            return switch (sort) {
                case NEWEST -> CREATED_DESC;
                case OLDEST -> CREATED_ASC;
                case NAME -> NAME;
                case LARGEST -> SIZE_DESC;
            };
        }

        String valueOf(FileRow row) {
            return switch (this) {
                case CREATED_DESC, CREATED_ASC -> row.createdAt().toString();
                case NAME -> row.filename();
                case SIZE_DESC -> Long.toString(row.size());
            };
        }

        Object parse(String value) {
            return switch (this) {
                case CREATED_DESC, CREATED_ASC -> java.sql.Timestamp.from(java.time.Instant.parse(value));
                case NAME -> value;
                case SIZE_DESC -> Long.parseLong(value);
            };
        }
    }

    /** An opaque position: the last row's sort value and id, base64url-encoded. */
    private record Cursor(String value, java.util.UUID id) {
        String encode() {
            return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString((id + "|" + value)
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        static Cursor decode(String cursor) {
            try {
                String text = new String(java.util.Base64.getUrlDecoder().decode(cursor),
                        java.nio.charset.StandardCharsets.UTF_8);
                int bar = text.indexOf('|');
                return new Cursor(text.substring(bar + 1), java.util.UUID.fromString(text.substring(0, bar)));
            } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
                throw new IllegalArgumentException("cursor: not a cursor of listFiles", e);
            }
        }
    }

    /** Counts and bytes of a group of live files. */
    public record Group(String key, long files, long bytes) {
    }

    /** Totals of live files, of one owner or of everyone. */
    public record Totals(long files, long bytes, long averageBytes, long largestBytes) {
    }

    private static final String OWNER_SCOPE = " WHERE status <> 'deleted' AND (?::uuid IS NULL OR created_by = ?::uuid)";

    public Totals totals(java.util.UUID owner) {
        return jdbc.queryForObject("SELECT count(*), coalesce(sum(size), 0), coalesce(avg(size), 0)::bigint, "
                + "coalesce(max(size), 0) FROM storage_files" + OWNER_SCOPE,
                (rs, n) -> new Totals(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)), owner, owner);
    }

    /** Live files grouped by provider, MIME type or classification, largest groups first, at most {@code top}. */
    public List<Group> groups(GroupBy by, java.util.UUID owner, int top) {
        return jdbc.query("SELECT " + by.column + ", count(*), coalesce(sum(size), 0) FROM storage_files" + OWNER_SCOPE
                + " GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?",
                (rs, n) -> new Group(rs.getString(1), rs.getLong(2), rs.getLong(3)), owner, owner, top);
    }

    /** The groupings of the statistics (fixed columns: never user input in SQL). */
    public enum GroupBy {
        PROVIDER("provider"), MIME_TYPE("mime_type"), CLASSIFICATION("data_classification");

        final String column;

        GroupBy(String column) {
            this.column = column;
        }
    }

    /** Files by status (for health information). */
    public java.util.Map<String, Long> countByStatus() {
        java.util.Map<String, Long> counts = new java.util.TreeMap<>();
        jdbc.query("SELECT status, count(*) FROM storage_files GROUP BY status",
                (org.springframework.jdbc.core.RowCallbackHandler) rs -> counts.put(rs.getString(1), rs.getLong(2)));
        return counts;
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
