package io.storagecatalog.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.storagecatalog.common.audit.AuditRow;
import io.storagecatalog.jobs.statistics.DailyStatisticsRepository;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The statistics counted a day at a time in the job are the very rows that PostgreSQL's grouping of the
 * audit trail gives (the statement the job ran before, kept here as the reference), on operations that
 * exercise every rule: distinct files per user and overall, files not in the catalog, operations without
 * a user or a file, every outcome, ids that COPY must escape, and the edges of UTC days.
 */
class StatisticsTallyTest extends JobsTestSupport {

    private static final String REFERENCE = """
            WITH ops AS (
                SELECT (o.created_at AT TIME ZONE 'UTC')::date AS day, o.file_id, o.operation, o.status,
                       coalesce(o.bytes_transferred, 0) AS bytes_transferred,
                       o.user_id::text AS user_id, f.organization_id, f.project_id,
                       coalesce(split_part(f.mime_type, '/', 1), 'unknown') AS mime_category,
                       coalesce(f.data_classification, 'unknown') AS classification
                FROM storage_operations o LEFT JOIN storage_files f ON f.file_id = o.file_id
                WHERE o.created_at >= ? AND o.created_at < ?
            ), grouped AS (
                SELECT day,
                       CASE WHEN GROUPING(user_id) = 0 THEN 'user'
                            WHEN GROUPING(organization_id) = 0 THEN 'organization'
                            WHEN GROUPING(project_id) = 0 THEN 'project' ELSE 'all' END AS scope_type,
                       CASE WHEN GROUPING(user_id) = 0 THEN user_id
                            WHEN GROUPING(organization_id) = 0 THEN organization_id
                            WHEN GROUPING(project_id) = 0 THEN project_id ELSE '' END AS scope_id,
                       mime_category, classification,
                       count(DISTINCT file_id) FILTER (WHERE operation = 'upload' AND status = 'success') AS files,
                       coalesce(sum(bytes_transferred) FILTER (WHERE operation = 'upload' AND status = 'success'), 0)
                           ::bigint AS bytes,
                       count(*) FILTER (WHERE operation = 'upload' AND status = 'success') AS uploads,
                       count(*) FILTER (WHERE operation = 'download' AND status = 'success') AS downloads,
                       count(*) FILTER (WHERE operation = 'delete' AND status = 'success') AS deletes,
                       coalesce(sum(bytes_transferred) FILTER (WHERE status = 'success'), 0)::bigint AS bytes_transferred,
                       count(*) FILTER (WHERE status = 'failed') AS failures
                FROM ops
                GROUP BY GROUPING SETS ((day, mime_category, classification),
                                        (day, user_id, mime_category, classification),
                                        (day, organization_id, mime_category, classification),
                                        (day, project_id, mime_category, classification))
            )
            SELECT day, scope_type, scope_id, mime_category, classification AS data_classification, files, bytes,
                   uploads, downloads, deletes, bytes_transferred, failures, day < ? AS final
            FROM grouped WHERE scope_id IS NOT NULL
            ORDER BY 1, 2, 3, 4, 5
            """;

    private static final List<String> OPERATIONS = List.of(
            "upload",
            "upload",
            "upload",
            "download",
            "download",
            "delete",
            "copy",
            "move",
            "update_metadata",
            "share",
            "restore");
    private static final List<String> STATUSES = List.of("success", "success", "success", "failed", "pending");
    private static final List<String> ORGANIZATIONS = List.of("org-a", "org\tb", "org\\c", "órg-ü", "org\nd");
    private static final List<String> MIME_TYPES =
            List.of("application/pdf", "image/png", "image/jpeg", "text/plain", "video/mp4", "weird");
    private static final List<String> CLASSIFICATIONS = List.of("public", "internal", "confidential", "restricted");

    @Autowired
    DailyStatisticsRepository statistics;

    @Test
    void countsEveryDayAsTheGroupingOfTheAuditTrailDoes() {
        Random random = new Random(7);
        LocalDate first = LocalDate.now(ZoneOffset.UTC).minusDays(5);
        LocalDate end = first.plusDays(4);
        String run = UUID.randomUUID().toString();
        List<String> files = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String fileId = "tally/" + run + "/" + i;
            files.add(fileId);
            jdbc.update(
                    """
                    INSERT INTO storage_files (file_id, filename, original_name, mime_type, size, checksum, provider,
                        provider_path, data_classification, organization_id, project_id, created_by, created_at,
                        updated_at)
                    VALUES (?, 'f', 'f', ?, 1, 'c', 'minio', ?, ?, ?, ?, ?, now(), now())
                    """,
                    fileId,
                    pick(random, MIME_TYPES),
                    "b/" + fileId,
                    pick(random, CLASSIFICATIONS),
                    i % 7 == 0 ? null : pick(random, ORGANIZATIONS),
                    i % 3 == 0 ? null : "project-" + (i % 4),
                    UUID.randomUUID());
        }
        // Files the catalog does not know (deleted since, or never catalogued) and operations without a file.
        files.add("tally/" + run + "/gone-1");
        files.add("tally/" + run + "/gone-2");
        files.add(null);
        List<UUID> users = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());

        List<AuditRow> rows = new ArrayList<>();
        Instant start = first.atStartOfDay(ZoneOffset.UTC).toInstant();
        for (int i = 0; i < 1500; i++) {
            // Mostly inside the days; a few on the last millisecond before a day and on a day's first.
            Instant at = i % 50 == 0
                    ? start.plusSeconds(86_400L * random.nextInt(4)).minusMillis(i % 100 == 0 ? 0 : 1)
                    : start.plusSeconds(random.nextInt(4 * 86_400));
            if (at.isBefore(start)) {
                at = start;
            }
            UUID user = random.nextInt(10) == 0 ? null : users.get(random.nextInt(users.size()));
            rows.add(auditRow(
                    files.get(random.nextInt(files.size())),
                    pick(random, OPERATIONS),
                    pick(random, STATUSES),
                    random.nextInt(10) == 0 ? 0 : random.nextInt(100_000),
                    user,
                    at,
                    Instant.now()));
        }
        rows.sort((a, b) -> a.createdAt().compareTo(b.createdAt()));
        appendAudit(rows);
        LocalDate finalBefore = first.plusDays(2);

        int written = statistics.recompute(first, end, finalBefore, Instant.now(), "16MB");

        List<Map<String, Object>> expected = jdbc.queryForList(
                REFERENCE,
                java.sql.Timestamp.from(start),
                java.sql.Timestamp.from(end.atStartOfDay(ZoneOffset.UTC).toInstant()),
                finalBefore);
        assertThat(expected).hasSizeGreaterThan(500);
        assertThat(written).isEqualTo(expected.size());
        assertThat(statistics()).isEqualTo(expected);
        // Distinct files are not uploads: some files were uploaded more than once a day.
        assertThat(jdbc.queryForObject(
                        "SELECT sum(uploads) - sum(files) FROM storage_daily_statistics " + "WHERE scope_type = 'all'",
                        Long.class))
                .isPositive();
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM storage_daily_statistics WHERE scope_id = ?", Long.class, "org\tb"))
                .isPositive();
    }

    private static String pick(Random random, List<String> values) {
        return values.get(random.nextInt(values.size()));
    }
}
