package io.storagecatalog.common.catalog;

import io.storagecatalog.common.jdbc.Sql;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.jdbc.core.JdbcTemplate;

/** All SQL of {@code storage_file_shares}. */
public class ShareRepository {

    // A new grant to a recipient replaces the active share they already hold on the file.
    // One statement for a batch's new shares: each deactivates the other active shares of its file held by
    // its recipient.
    private static final String DEACTIVATE_FOR_RECIPIENT = """
            UPDATE storage_file_shares s SET is_active = false, updated_at = d.updated_at
            FROM unnest(?::timestamptz[], ?::text[], ?::uuid[], ?::uuid[]) AS d(updated_at, file_key, shared_with, keep_id)
            JOIN storage_files f ON f.file_id = d.file_key
            WHERE s.file_id = f.id AND s.shared_with = d.shared_with AND s.is_active AND s.id <> d.keep_id
            """;

    // One statement for a batch's shares, whatever their number (each names its file by fileId, whose row
    // id is looked up in the same statement); a share of a file not in the catalog is not written.
    private static final String UPSERT = """
            INSERT INTO storage_file_shares (id, file_id, shared_by, shared_with, can_read, can_write, can_delete,
                can_share, expires_at, requires_password, password_hash, max_downloads, download_count, is_active,
                created_at, updated_at, last_accessed_at, granted_from)
            SELECT s.id, f.id, s.shared_by, s.shared_with, s.can_read, s.can_write, s.can_delete, s.can_share,
                   s.expires_at, s.requires_password, s.password_hash, s.max_downloads, s.download_count, s.is_active,
                   s.created_at, s.updated_at, s.last_accessed_at, s.granted_from
            FROM unnest(?::uuid[], ?::text[], ?::uuid[], ?::uuid[], ?::boolean[], ?::boolean[], ?::boolean[],
                        ?::boolean[], ?::timestamptz[], ?::boolean[], ?::text[], ?::int[], ?::int[], ?::boolean[],
                        ?::timestamptz[], ?::timestamptz[], ?::timestamptz[], ?::uuid[]) WITH ORDINALITY
                 AS s(id, file_key, shared_by, shared_with, can_read, can_write, can_delete, can_share, expires_at,
                      requires_password, password_hash, max_downloads, download_count, is_active, created_at,
                      updated_at, last_accessed_at, granted_from, position)
            JOIN storage_files f ON f.file_id = s.file_key
            ORDER BY s.position
            ON CONFLICT (id) DO UPDATE SET
                shared_by = EXCLUDED.shared_by, shared_with = EXCLUDED.shared_with, can_read = EXCLUDED.can_read,
                can_write = EXCLUDED.can_write, can_delete = EXCLUDED.can_delete, can_share = EXCLUDED.can_share,
                expires_at = EXCLUDED.expires_at, requires_password = EXCLUDED.requires_password,
                password_hash = EXCLUDED.password_hash, max_downloads = EXCLUDED.max_downloads,
                is_active = EXCLUDED.is_active, updated_at = EXCLUDED.updated_at
            """;

    // The share and every share granted from it, down the line (a line is a few grants long).
    private static final String REVOKE = """
            WITH RECURSIVE line AS (
                SELECT s.id FROM storage_file_shares s JOIN storage_files f ON f.id = s.file_id
                WHERE s.id = ? AND f.file_id = ?
                UNION
                SELECT c.id FROM storage_file_shares c JOIN line ON c.granted_from = line.id
            )
            UPDATE storage_file_shares s SET is_active = false, updated_at = ?
            FROM line WHERE s.id = line.id AND s.is_active
            """;

    // The share a user holds on a file, usable or not (the access rules decide).
    private static final String HELD_SHARE = "SELECT " + ShareRepository.SHARE_COLUMNS + """
            FROM storage_file_shares s JOIN storage_files f ON f.id = s.file_id
            WHERE f.file_id = ? AND s.shared_with = ? AND s.is_active
            """;

    private static final String BY_IDS = "SELECT " + ShareRepository.SHARE_COLUMNS + """
            FROM storage_file_shares s JOIN storage_files f ON f.id = s.file_id WHERE s.id = ANY(?)
            """;

    // One atomic statement per wrong password: the count starts again once the window has passed.
    private static final String PASSWORD_FAILED = """
            UPDATE storage_file_shares SET
                password_failures = CASE WHEN password_failures_since IS NULL OR password_failures_since <= ?
                                         THEN 1 ELSE password_failures + 1 END,
                password_failures_since = CASE WHEN password_failures_since IS NULL OR password_failures_since <= ?
                                               THEN ? ELSE password_failures_since END
            WHERE id = ?
            """;

    private static final String PASSWORD_LOCKED = """
            SELECT password_failures >= ? AND password_failures_since > ? FROM storage_file_shares WHERE id = ?
            """;

    private static final String PASSWORD_ACCEPTED = """
            UPDATE storage_file_shares SET password_failures = 0, password_failures_since = NULL
            WHERE id = ? AND password_failures > 0
            """;

    private static final String TOUCH = """
            UPDATE storage_file_shares SET last_accessed_at = greatest(last_accessed_at, ?) WHERE id = ?
            """;

    // Chunked: each call deactivates at most `limit` shares, so a backlog never becomes one huge transaction.
    private static final String EXPIRE = """
            UPDATE storage_file_shares SET is_active = false, updated_at = ?
            WHERE id IN (
                SELECT id FROM storage_file_shares
                WHERE is_active AND (expires_at <= ? OR (max_downloads IS NOT NULL AND download_count >= max_downloads))
                LIMIT ? FOR UPDATE SKIP LOCKED)
            """;

    static final String SHARE_COLUMNS = """
            s.id, f.file_id, s.shared_by, s.shared_with, s.can_read, s.can_write, s.can_delete, s.can_share,
            s.expires_at, s.password_hash, s.max_downloads, s.download_count, s.is_active, s.created_at,
            s.updated_at, s.last_accessed_at, s.granted_from
            """;

    // The share a user holds on a file now: active, not expired (downloads are checked by the reservation).
    private static final String CURRENT_SHARE = "SELECT " + SHARE_COLUMNS + """
            FROM storage_file_shares s JOIN storage_files f ON f.id = s.file_id
            WHERE f.file_id = ? AND s.shared_with = ? AND s.is_active AND (s.expires_at IS NULL OR s.expires_at > ?)
            """;

    // One atomic statement: the count only rises while it is below the limit, whatever the concurrency.
    private static final String RESERVE_DOWNLOAD = """
            UPDATE storage_file_shares SET download_count = download_count + 1, last_accessed_at = ?, updated_at = ?
            WHERE id = ? AND is_active AND (expires_at IS NULL OR expires_at > ?)
              AND (max_downloads IS NULL OR download_count < max_downloads)
            """;

    // Files shared with a user, in one query (no N+1): usable shares of files that are not deleted.
    private static final String SHARED_WITH = "SELECT " + SHARE_COLUMNS + ", " + FileRows.COLUMNS + """
            FROM storage_file_shares s JOIN storage_files f ON f.id = s.file_id
            WHERE s.shared_with = ? AND s.is_active AND (s.expires_at IS NULL OR s.expires_at > ?)
              AND (s.max_downloads IS NULL OR s.download_count < s.max_downloads) AND f.status <> 'deleted'
            ORDER BY s.created_at DESC, s.id LIMIT ?
            """;

    private static final String SHARED_BY = "SELECT " + SHARE_COLUMNS + """
            FROM storage_file_shares s JOIN storage_files f ON f.id = s.file_id
            WHERE s.shared_by = ? ORDER BY s.created_at DESC, s.id LIMIT ?
            """;

    private static final String BY_ID = "SELECT " + SHARE_COLUMNS + """
            FROM storage_file_shares s JOIN storage_files f ON f.id = s.file_id WHERE s.id = ?
            """;

    private final JdbcTemplate jdbc;

    public ShareRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Deactivates, for each share, the other active shares of its file held by its recipient. */
    public void deactivateOthersForRecipients(List<ShareRow> shares) {
        if (shares.isEmpty()) {
            return;
        }
        jdbc.update(connection -> {
            PreparedStatement ps = Sql.plannedEachTime(connection, DEACTIVATE_FOR_RECIPIENT);
            ps.setArray(
                    1,
                    Sql.timeArray(
                            connection, shares.stream().map(ShareRow::updatedAt).toList()));
            ps.setArray(
                    2,
                    Sql.textArray(
                            connection, shares.stream().map(ShareRow::fileId).toList()));
            ps.setArray(3, uuids(connection, shares, ShareRow::sharedWith));
            ps.setArray(4, uuids(connection, shares, ShareRow::id));
            return ps;
        });
    }

    /** Inserts the shares and overwrites existing ones (by id), in the order given, in one statement. */
    public void upsert(List<ShareRow> shares) {
        if (shares.isEmpty()) {
            return;
        }
        jdbc.update(connection -> {
            PreparedStatement ps = Sql.plannedEachTime(connection, UPSERT);
            ps.setArray(1, uuids(connection, shares, ShareRow::id));
            ps.setArray(
                    2,
                    Sql.textArray(
                            connection, shares.stream().map(ShareRow::fileId).toList()));
            ps.setArray(3, uuids(connection, shares, ShareRow::sharedBy));
            ps.setArray(4, uuids(connection, shares, ShareRow::sharedWith));
            ps.setArray(5, booleans(connection, shares, ShareRow::canRead));
            ps.setArray(6, booleans(connection, shares, ShareRow::canWrite));
            ps.setArray(7, booleans(connection, shares, ShareRow::canDelete));
            ps.setArray(8, booleans(connection, shares, ShareRow::canShare));
            ps.setArray(
                    9,
                    Sql.timeArray(
                            connection, shares.stream().map(ShareRow::expiresAt).toList()));
            ps.setArray(10, booleans(connection, shares, ShareRow::requiresPassword));
            ps.setArray(
                    11,
                    Sql.textArray(
                            connection,
                            shares.stream().map(ShareRow::passwordHash).toList()));
            ps.setArray(
                    12,
                    connection.createArrayOf(
                            "integer",
                            shares.stream().map(ShareRow::maxDownloads).toArray(Integer[]::new)));
            ps.setArray(
                    13,
                    connection.createArrayOf(
                            "integer",
                            shares.stream().map(ShareRow::downloadCount).toArray(Integer[]::new)));
            ps.setArray(14, booleans(connection, shares, ShareRow::active));
            ps.setArray(
                    15,
                    Sql.timeArray(
                            connection, shares.stream().map(ShareRow::createdAt).toList()));
            ps.setArray(
                    16,
                    Sql.timeArray(
                            connection, shares.stream().map(ShareRow::updatedAt).toList()));
            ps.setArray(
                    17,
                    Sql.timeArray(
                            connection,
                            shares.stream().map(ShareRow::lastAccessedAt).toList()));
            ps.setArray(18, uuids(connection, shares, ShareRow::grantedFrom));
            return ps;
        });
    }

    private static Array uuids(Connection connection, List<ShareRow> shares, Function<ShareRow, UUID> column)
            throws SQLException {
        return connection.createArrayOf("uuid", shares.stream().map(column).toArray(UUID[]::new));
    }

    private static Array booleans(Connection connection, List<ShareRow> shares, Function<ShareRow, Boolean> column)
            throws SQLException {
        return connection.createArrayOf("boolean", shares.stream().map(column).toArray(Boolean[]::new));
    }

    /** A revocation of a share of the given file; unknown or inactive shares are left alone. */
    public record Revocation(UUID shareId, String fileId, Instant at) {}

    public void revoke(List<Revocation> revocations) {
        if (revocations.isEmpty()) {
            return;
        }
        jdbc.batchUpdate(REVOKE, revocations, revocations.size(), (ps, revocation) -> {
            Sql.setUuid(ps, 1, revocation.shareId());
            ps.setString(2, revocation.fileId());
            Sql.setTime(ps, 3, revocation.at());
        });
    }

    /** A file shared with a user, with the share that grants it. */
    public record SharedFile(ShareRow share, FileRow file) {}

    public java.util.Optional<ShareRow> currentShare(String fileId, UUID user, Instant now) {
        return jdbc
                .query(
                        connection -> {
                            var ps = connection.prepareStatement(CURRENT_SHARE);
                            ps.setString(1, fileId);
                            Sql.setUuid(ps, 2, user);
                            Sql.setTime(ps, 3, now);
                            return ps;
                        },
                        (rs, n) -> share(rs))
                .stream()
                .findFirst();
    }

    /** The active share a user holds on a file, usable or not. */
    public java.util.Optional<ShareRow> held(String fileId, UUID user) {
        return jdbc.query(HELD_SHARE, (rs, n) -> share(rs), fileId, user).stream()
                .findFirst();
    }

    /** The shares with these ids, whatever their state. */
    public java.util.Map<UUID, ShareRow> findAll(java.util.Collection<UUID> ids) {
        java.util.Map<UUID, ShareRow> found = new java.util.HashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        jdbc.query(
                connection -> {
                    PreparedStatement ps = connection.prepareStatement(BY_IDS);
                    ps.setArray(1, connection.createArrayOf("uuid", ids.toArray()));
                    return ps;
                },
                rs -> {
                    ShareRow row = share(rs);
                    found.put(row.id(), row);
                });
        return found;
    }

    public java.util.Optional<ShareRow> find(UUID shareId) {
        return jdbc.query(BY_ID, (rs, n) -> share(rs), shareId).stream().findFirst();
    }

    /** Counts a wrong password given for a share, in the window that started after {@code windowStart}. */
    public void passwordFailed(UUID shareId, Instant now, Instant windowStart) {
        jdbc.update(PASSWORD_FAILED, ps -> {
            Sql.setTime(ps, 1, windowStart);
            Sql.setTime(ps, 2, windowStart);
            Sql.setTime(ps, 3, now);
            Sql.setUuid(ps, 4, shareId);
        });
    }

    /** Whether the share took {@code attempts} wrong passwords since {@code windowStart}. */
    public boolean passwordLocked(UUID shareId, int attempts, Instant windowStart) {
        Boolean locked = jdbc.query(
                PASSWORD_LOCKED,
                rs -> rs.next() ? rs.getBoolean(1) : Boolean.FALSE,
                attempts,
                java.sql.Timestamp.from(windowStart),
                shareId);
        return Boolean.TRUE.equals(locked);
    }

    public void passwordAccepted(UUID shareId) {
        jdbc.update(PASSWORD_ACCEPTED, shareId);
    }

    /** Takes one download of a share if any is left; false when the share is used up, expired or revoked. */
    public boolean reserveDownload(UUID shareId, Instant now) {
        return jdbc.update(connection -> {
                    var ps = connection.prepareStatement(RESERVE_DOWNLOAD);
                    Sql.setTime(ps, 1, now);
                    Sql.setTime(ps, 2, now);
                    Sql.setUuid(ps, 3, shareId);
                    Sql.setTime(ps, 4, now);
                    return ps;
                })
                == 1;
    }

    public List<SharedFile> sharedWith(UUID user, Instant now, int limit) {
        return jdbc.query(
                connection -> {
                    var ps = connection.prepareStatement(SHARED_WITH);
                    Sql.setUuid(ps, 1, user);
                    Sql.setTime(ps, 2, now);
                    ps.setInt(3, limit);
                    return ps;
                },
                (rs, n) -> new SharedFile(share(rs), FileRows.map(rs)));
    }

    public List<ShareRow> sharedBy(UUID user, int limit) {
        return jdbc.query(
                connection -> {
                    var ps = connection.prepareStatement(SHARED_BY);
                    Sql.setUuid(ps, 1, user);
                    ps.setInt(2, limit);
                    return ps;
                },
                (rs, n) -> share(rs));
    }

    private static ShareRow share(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new ShareRow(
                Sql.uuid(rs, "id"),
                rs.getString("file_id"),
                Sql.uuid(rs, "shared_by"),
                Sql.uuid(rs, "shared_with"),
                rs.getBoolean("can_read"),
                rs.getBoolean("can_write"),
                rs.getBoolean("can_delete"),
                rs.getBoolean("can_share"),
                Sql.time(rs, "expires_at"),
                rs.getString("password_hash"),
                rs.getObject("max_downloads", Integer.class),
                rs.getInt("download_count"),
                rs.getBoolean("is_active"),
                Sql.time(rs, "created_at"),
                Sql.time(rs, "updated_at"),
                Sql.time(rs, "last_accessed_at"),
                Sql.uuid(rs, "granted_from"));
    }

    /** Deactivates up to {@code limit} active shares past their expiry or out of downloads; returns how many. */
    public int expire(Instant now, int limit) {
        return jdbc.update(connection -> {
            var ps = connection.prepareStatement(EXPIRE);
            Sql.setTime(ps, 1, now);
            Sql.setTime(ps, 2, now);
            ps.setInt(3, limit);
            return ps;
        });
    }

    /** A read through a share: when it last happened (never moves backwards). */
    public record Access(UUID shareId, Instant at) {}

    public void touch(List<Access> accesses) {
        if (accesses.isEmpty()) {
            return;
        }
        jdbc.batchUpdate(TOUCH, accesses, accesses.size(), (ps, access) -> {
            Sql.setTime(ps, 1, access.at());
            Sql.setUuid(ps, 2, access.shareId());
        });
    }
}
