package io.storagecatalog.common.catalog;

import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;

import io.storagecatalog.common.jdbc.Sql;

/** All SQL of {@code storage_quotas}. Usage only ever changes by atomic increments. */
public class QuotaRepository {

    // One statement for every entity of a batch; the increments are atomic SQL (used = used + delta),
    // never read-modify-write. Rows are written in entity order so that concurrent writers lock the
    // quota rows in one order and cannot deadlock each other. A new row starts at zero at worst: a
    // negative delta for an entity never charged would be drift, which the recalculation job reports.
    private static final String ADD_USAGE = """
            WITH d AS (
                SELECT * FROM unnest(?::text[], ?::text[], ?::uuid[], ?::bigint[], ?::int[])
                    AS d(entity_type, entity_id, user_id, bytes, files)
            )
            INSERT INTO storage_quotas AS q (entity_type, entity_id, user_id, used_storage_bytes, used_files)
            SELECT entity_type, entity_id, user_id, greatest(bytes, 0), greatest(files, 0) FROM d
            ORDER BY entity_type, entity_id
            ON CONFLICT (entity_type, entity_id) DO UPDATE SET
                used_storage_bytes = q.used_storage_bytes + (SELECT d.bytes FROM d
                    WHERE d.entity_type = EXCLUDED.entity_type AND d.entity_id = EXCLUDED.entity_id),
                used_files = q.used_files + (SELECT d.files FROM d
                    WHERE d.entity_type = EXCLUDED.entity_type AND d.entity_id = EXCLUDED.entity_id),
                user_id = coalesce(q.user_id, EXCLUDED.user_id),
                updated_at = now()
            RETURNING q.entity_type, q.entity_id, q.used_storage_bytes, q.used_files, q.max_storage_bytes,
                      q.max_files, q.max_file_size_bytes, q.is_active
            """;

    private static final String SET_LIMITS = """
            INSERT INTO storage_quotas (entity_type, entity_id, user_id, max_storage_bytes, max_files,
                max_file_size_bytes, is_active, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, now(), now())
            ON CONFLICT (entity_type, entity_id) DO UPDATE SET
                user_id = coalesce(EXCLUDED.user_id, storage_quotas.user_id),
                max_storage_bytes = EXCLUDED.max_storage_bytes, max_files = EXCLUDED.max_files,
                max_file_size_bytes = EXCLUDED.max_file_size_bytes, is_active = EXCLUDED.is_active,
                updated_at = now()
            """;

    private final JdbcTemplate jdbc;

    public QuotaRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A change of usage of one entity. */
    public record UsageDelta(String entityType, String entityId, UUID userId, long bytes, int files) {
    }

    /** Usage and limits of an entity after a change. Null limits: no quota set. */
    public record QuotaUsage(String entityType, String entityId, long usedBytes, int usedFiles, Long maxBytes,
            Integer maxFiles, Long maxFileSizeBytes, boolean active) {
    }

    /** Applies the deltas (at most one per entity) and returns each entity's new usage. */
    public List<QuotaUsage> addUsage(List<UsageDelta> deltas) {
        if (deltas.isEmpty()) {
            return List.of();
        }
        List<UsageDelta> sorted = new ArrayList<>(deltas);
        sorted.sort(Comparator.comparing(UsageDelta::entityType).thenComparing(UsageDelta::entityId));
        String[] types = sorted.stream().map(UsageDelta::entityType).toArray(String[]::new);
        String[] ids = sorted.stream().map(UsageDelta::entityId).toArray(String[]::new);
        UUID[] users = sorted.stream().map(UsageDelta::userId).toArray(UUID[]::new);
        Long[] bytes = sorted.stream().map(UsageDelta::bytes).toArray(Long[]::new);
        Integer[] files = sorted.stream().map(UsageDelta::files).toArray(Integer[]::new);
        return jdbc.query(connection -> {
            PreparedStatement ps = connection.prepareStatement(ADD_USAGE);
            ps.setArray(1, connection.createArrayOf("text", types));
            ps.setArray(2, connection.createArrayOf("text", ids));
            ps.setArray(3, connection.createArrayOf("uuid", users));
            ps.setArray(4, connection.createArrayOf("bigint", bytes));
            ps.setArray(5, connection.createArrayOf("integer", files));
            return ps;
        }, (rs, n) -> new QuotaUsage(rs.getString("entity_type"), rs.getString("entity_id"),
                rs.getLong("used_storage_bytes"), rs.getInt("used_files"), rs.getObject("max_storage_bytes", Long.class),
                rs.getObject("max_files", Integer.class), rs.getObject("max_file_size_bytes", Long.class),
                rs.getBoolean("is_active")));
    }

    /** Limits of one entity, as a {@code storage.quota.set} event defines them. */
    public record QuotaLimits(String entityType, String entityId, UUID userId, long maxStorageBytes, int maxFiles,
            long maxFileSizeBytes, boolean active) {
    }

    /** Defines or changes limits, in the given order (a later definition of one entity wins). */
    public void setLimits(List<QuotaLimits> limits) {
        if (limits.isEmpty()) {
            return;
        }
        jdbc.batchUpdate(SET_LIMITS, limits, limits.size(), (ps, quota) -> {
            ps.setString(1, quota.entityType());
            ps.setString(2, quota.entityId());
            Sql.setUuid(ps, 3, quota.userId());
            ps.setLong(4, quota.maxStorageBytes());
            ps.setInt(5, quota.maxFiles());
            ps.setLong(6, quota.maxFileSizeBytes());
            ps.setBoolean(7, quota.active());
        });
    }
}
