package io.storagecatalog.common.catalog;

import io.storagecatalog.common.jdbc.Sql;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

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

    /** Usage of every entity recalculated from the file and version rows: what the quotas must hold. */
    public static final String RECALCULATED_USAGE = """
            WITH charged AS (
                SELECT f.created_by AS user_id, f.organization_id, f.project_id,
                       (SELECT coalesce(sum(v.size), 0) FROM storage_file_versions v WHERE v.file_id = f.id) AS bytes
                FROM storage_files f WHERE f.status <> 'deleted'
            ), per_entity AS (
                SELECT 'user' AS entity_type, user_id::text AS entity_id, user_id, bytes FROM charged
                UNION ALL SELECT 'organization', organization_id, NULL, bytes FROM charged WHERE organization_id IS NOT NULL
                UNION ALL SELECT 'project', project_id, NULL, bytes FROM charged WHERE project_id IS NOT NULL
            )
            SELECT entity_type, entity_id, max(user_id::text)::uuid AS user_id, sum(bytes) AS bytes, count(*) AS files
            FROM per_entity GROUP BY entity_type, entity_id
            """;

    // Usage as stored against the recalculation: the entities where they differ.
    private static final String DRIFT = "WITH expected AS (" + RECALCULATED_USAGE + """
            )
            SELECT coalesce(e.entity_type, q.entity_type) AS entity_type, coalesce(e.entity_id, q.entity_id) AS entity_id,
                   e.user_id, coalesce(q.used_storage_bytes, 0) AS stored_bytes, coalesce(e.bytes, 0) AS expected_bytes,
                   coalesce(q.used_files, 0) AS stored_files, coalesce(e.files, 0) AS expected_files
            FROM expected e FULL JOIN storage_quotas q ON q.entity_type = e.entity_type AND q.entity_id = e.entity_id
            WHERE coalesce(q.used_storage_bytes, 0) <> coalesce(e.bytes, 0) OR coalesce(q.used_files, 0) <> coalesce(e.files, 0)
            """;

    private static final String CORRECT = """
            INSERT INTO storage_quotas (entity_type, entity_id, user_id, used_storage_bytes, used_files, last_calculated_at)
            VALUES (?, ?, ?, ?, ?, now())
            ON CONFLICT (entity_type, entity_id) DO UPDATE SET used_storage_bytes = EXCLUDED.used_storage_bytes,
                used_files = EXCLUDED.used_files, last_calculated_at = now(), updated_at = now()
            """;

    private static final String FIND = """
            SELECT entity_type, entity_id, used_storage_bytes, used_files, max_storage_bytes, max_files,
                   max_file_size_bytes, is_active
            FROM storage_quotas WHERE entity_type = ? AND entity_id = ?
            """;

    private final JdbcTemplate jdbc;

    public QuotaRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A change of usage of one entity. */
    public record UsageDelta(String entityType, String entityId, UUID userId, long bytes, int files) {}

    /** Usage and limits of an entity after a change. Null limits: no quota set. */
    public record QuotaUsage(
            String entityType,
            String entityId,
            long usedBytes,
            int usedFiles,
            Long maxBytes,
            Integer maxFiles,
            Long maxFileSizeBytes,
            boolean active) {}

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
        return jdbc.query(
                connection -> {
                    PreparedStatement ps = connection.prepareStatement(ADD_USAGE);
                    ps.setArray(1, connection.createArrayOf("text", types));
                    ps.setArray(2, connection.createArrayOf("text", ids));
                    ps.setArray(3, connection.createArrayOf("uuid", users));
                    ps.setArray(4, connection.createArrayOf("bigint", bytes));
                    ps.setArray(5, connection.createArrayOf("integer", files));
                    return ps;
                },
                (rs, n) -> new QuotaUsage(
                        rs.getString("entity_type"),
                        rs.getString("entity_id"),
                        rs.getLong("used_storage_bytes"),
                        rs.getInt("used_files"),
                        rs.getObject("max_storage_bytes", Long.class),
                        rs.getObject("max_files", Integer.class),
                        rs.getObject("max_file_size_bytes", Long.class),
                        rs.getBoolean("is_active")));
    }

    /** An entity whose stored usage differed from the recalculation. */
    public record Drift(
            String entityType,
            String entityId,
            UUID userId,
            long storedBytes,
            long expectedBytes,
            int storedFiles,
            int expectedFiles) {
        public long bytesDrift() {
            return storedBytes - expectedBytes;
        }

        public int filesDrift() {
            return storedFiles - expectedFiles;
        }
    }

    /**
     * Recalculates every entity's usage and corrects what drifted, in the caller's transaction. The
     * table is locked against concurrent usage changes first (briefly: ingest waits), so that the
     * recalculation and the correction see the same committed state and no increment is lost.
     */
    public List<Drift> recalculate() {
        jdbc.execute("LOCK TABLE storage_quotas IN SHARE ROW EXCLUSIVE MODE");
        List<Drift> drift = jdbc.query(
                DRIFT,
                (rs, n) -> new Drift(
                        rs.getString("entity_type"),
                        rs.getString("entity_id"),
                        rs.getObject("user_id", UUID.class),
                        rs.getLong("stored_bytes"),
                        rs.getLong("expected_bytes"),
                        rs.getInt("stored_files"),
                        rs.getInt("expected_files")));
        jdbc.batchUpdate(CORRECT, drift, 500, (ps, d) -> {
            ps.setString(1, d.entityType());
            ps.setString(2, d.entityId());
            ps.setObject(3, d.userId());
            ps.setLong(4, d.expectedBytes());
            ps.setInt(5, d.expectedFiles());
        });
        jdbc.update("UPDATE storage_quotas SET last_calculated_at = now()");
        return drift;
    }

    /** Byte usage over the byte limit of every active, limited quota (one number per entity; bounded by entities). */
    public List<Double> utilization() {
        return jdbc.queryForList(
                "SELECT used_storage_bytes::float8 / max_storage_bytes FROM storage_quotas "
                        + "WHERE is_active AND max_storage_bytes IS NOT NULL",
                Double.class);
    }

    /** Usage and limits of one entity, when it has a row. */
    public java.util.Optional<QuotaUsage> find(String entityType, String entityId) {
        return jdbc
                .query(
                        FIND,
                        (rs, n) -> new QuotaUsage(
                                rs.getString("entity_type"),
                                rs.getString("entity_id"),
                                rs.getLong("used_storage_bytes"),
                                rs.getInt("used_files"),
                                rs.getObject("max_storage_bytes", Long.class),
                                rs.getObject("max_files", Integer.class),
                                rs.getObject("max_file_size_bytes", Long.class),
                                rs.getBoolean("is_active")),
                        entityType,
                        entityId)
                .stream()
                .findFirst();
    }

    /** Limits of one entity, as a {@code storage.quota.set} event defines them. */
    public record QuotaLimits(
            String entityType,
            String entityId,
            UUID userId,
            long maxStorageBytes,
            int maxFiles,
            long maxFileSizeBytes,
            boolean active) {}

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
