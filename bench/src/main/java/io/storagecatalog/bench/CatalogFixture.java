package io.storagecatalog.bench;

import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * A large, realistic catalog generated inside PostgreSQL ({@code INSERT ... SELECT generate_series}):
 * {@value #OWNERS} owners of very different sizes (a few hold tens of thousands of files, most a few
 * hundred), each in one of 100 organizations and most files in a project; names made of words with a
 * number and an extension, MIME types to match, zero to two tags, four classifications, sizes from
 * bytes to hundreds of MB, two years of creation times; 2% deleted (up to 60 days ago, so half are
 * past the 30-day retention), 1% archived. Deterministic for a given size (seeded random).
 *
 * <p>File {@code i} is {@code file-<i, 9 digits>}; its object is
 * {@code <bucket prefix><i mod buckets, 4 digits>/<owner>/<i, 9 digits>-<name>}.
 */
final class CatalogFixture {

    static final int OWNERS = 1_000;
    /** The words of file names: each is in about 8% of names. */
    static final List<String> WORDS = List.of(
            "quarterly",
            "annual",
            "draft",
            "final",
            "signed",
            "scanned",
            "holiday",
            "team",
            "client",
            "project",
            "report",
            "invoice",
            "contract",
            "photo",
            "budget",
            "presentation",
            "notes",
            "backup",
            "design",
            "receipt",
            "minutes",
            "roadmap",
            "payroll",
            "diagram");

    static final List<String> TAGS = List.of(
            "finance",
            "hr",
            "legal",
            "marketing",
            "2024",
            "2025",
            "draft",
            "final",
            "archive",
            "shared",
            "customer",
            "internal",
            "photos",
            "backup",
            "q1",
            "q2",
            "q3",
            "q4",
            "project-x",
            "review");
    private static final List<String> MIME_TYPES = List.of(
            "application/pdf",
            "image/jpeg",
            "image/png",
            "text/plain",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "video/mp4",
            "application/zip");
    private static final List<String> EXTENSIONS =
            List.of(".pdf", ".jpg", ".png", ".txt", ".xlsx", ".docx", ".mp4", ".zip");

    private static final int CHUNK = 250_000;

    // Level 1 draws the random numbers of a row (random() in a select list runs once per row); level 2
    // turns them into values. Owners are skewed (owner = OWNERS * r^2): owner 0 holds about 3% of all files.
    private static final String INSERT_FILES = """
            INSERT INTO storage_files (file_id, filename, original_name, mime_type, size, checksum, provider,
                provider_path, data_classification, tags, organization_id, project_id, created_by, updated_by,
                created_at, updated_at, access_count, status, deleted_at)
            SELECT 'file-' || lpad(i::text, 9, '0'), name, name, mime, size, md5(i::text), 'minio',
                   :bucketPrefix || lpad((i % :buckets)::text, 4, '0') || '/' || owner_id || '/' || lpad(i::text, 9, '0')
                       || '-' || name,
                   CASE WHEN r_class < 0.15 THEN 'public' WHEN r_class < 0.75 THEN 'internal'
                        WHEN r_class < 0.95 THEN 'confidential' ELSE 'restricted' END,
                   CASE WHEN r_tags < 0.40 THEN '[]'::jsonb
                        WHEN r_tags < 0.75 THEN jsonb_build_array(tag_words[1 + tag])
                        ELSE jsonb_build_array(tag_words[1 + tag], tag_words[1 + (tag + 1 + other_tag) % 20]) END,
                   'org-' || lpad((owner % 100)::text, 3, '0'),
                   CASE WHEN r_project < 0.7 THEN 'project-' || (owner % 100) || '-' || floor(r_project * 10)::int END,
                   owner_id, owner_id, created_at, created_at, 0,
                   CASE WHEN r_status < 0.02 THEN 'deleted' WHEN r_status < 0.03 THEN 'archived' ELSE 'active' END,
                   CASE WHEN r_status < 0.02 THEN greatest(created_at, now() - (r_status / 0.02) * interval '60 days') END
            FROM (
                SELECT i, owner, md5('owner-' || owner)::uuid AS owner_id, r_class, r_tags, tag, other_tag, r_project,
                       r_status, words[1 + word] || '-' || words[1 + other_word] || '-' || (i % 10000) || extensions[1 + kind]
                           AS name,
                       mimes[1 + kind] AS mime,
                       CASE WHEN :sized THEN floor(exp(r_size * 20))::bigint ELSE 0 END AS size,
                       now() - r_age * interval '730 days' AS created_at,
                       CAST(:tags AS text[]) AS tag_words
                FROM (
                    SELECT i, floor(:owners * random() ^ 2)::int AS owner, floor(random() * 8)::int AS kind,
                           floor(random() * 24)::int AS word, floor(random() * 24)::int AS other_word,
                           random() AS r_class, random() AS r_tags, floor(random() * 20)::int AS tag,
                           floor(random() * 19)::int AS other_tag, random() AS r_project, random() AS r_status,
                           random() AS r_size, random() AS r_age
                    FROM generate_series(:first, :last) AS i
                ) draws,
                LATERAL (SELECT CAST(:words AS text[]) AS words, CAST(:mimes AS text[]) AS mimes,
                                CAST(:extensions AS text[]) AS extensions) vocabulary
            ) row_values
            """;

    private CatalogFixture() {}

    /**
     * Loads {@code rows} files spread over {@code buckets} buckets; with {@code sized} false every
     * size is 0 (the reconciliation probe stores empty objects, and the job compares sizes).
     */
    static BulkLoad.Timing load(ProbeDatabase db, int rows, int buckets, String bucketPrefix, boolean sized) {
        return BulkLoad.load(db.jdbc(), "storage_files", () -> {
            db.jdbc().queryForObject("SELECT setseed(0.42)", Object.class);
            for (int first = 1; first <= rows; first += CHUNK) {
                int last = Math.min(rows, first + CHUNK - 1);
                db.named()
                        .update(
                                INSERT_FILES,
                                new MapSqlParameterSource(Map.of(
                                        "first",
                                        first,
                                        "last",
                                        last,
                                        "owners",
                                        OWNERS,
                                        "buckets",
                                        buckets,
                                        "bucketPrefix",
                                        bucketPrefix,
                                        "sized",
                                        sized,
                                        "words",
                                        array(WORDS),
                                        "tags",
                                        array(TAGS),
                                        "mimes",
                                        array(MIME_TYPES),
                                        "extensions",
                                        array(EXTENSIONS))));
                System.out.printf("  storage_files: %,d of %,d rows%n", last, rows);
            }
        });
    }

    /** The name of bucket {@code index}. */
    static String bucket(String prefix, int index) {
        return String.format("%s%04d", prefix, index);
    }

    // A PostgreSQL array literal bound as one text parameter (the words hold no quote, comma or brace).
    private static String array(List<String> values) {
        return "{" + String.join(",", values) + "}";
    }
}
