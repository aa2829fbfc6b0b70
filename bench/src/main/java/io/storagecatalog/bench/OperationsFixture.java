package io.storagecatalog.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * A large audit trail generated inside PostgreSQL, evenly over the last {@value #DAYS} days (what the
 * audit rotation keeps), oldest first: half downloads, a fifth uploads, the rest the other operations;
 * 95% succeeded, 4% failed; users as skewed as the catalog's owners; files of the catalog of
 * {@link CatalogFixture}, 5% of them no longer in it. The rows respect every constraint of
 * {@code storage_operations}: {@code seq} 1..M without gaps, one row per event, each row's
 * {@code prev_hash} the previous row's {@code row_hash} (the genesis' zero hash for the first), but the
 * hashes are digests of the position, not of the row: the chain does not verify, the statistics do not
 * read it. Inserting is allowed by the append-only trigger; the chain head is moved to the last row.
 */
final class OperationsFixture {

    static final int DAYS = 90;
    private static final int CHUNK = 1_000_000;

    private static final String INSERT_OPERATIONS = """
            INSERT INTO storage_operations (seq, file_id, operation, status, provider, bytes_transferred, duration_ms,
                client_ip, user_agent, user_id, session_id, correlation_id, created_at, event_source, event_id,
                event_type, recorded_at, prev_hash, row_hash)
            SELECT seq, 'file-' || lpad(file::text, 9, '0'), operation,
                   CASE WHEN r_status < 0.95 THEN 'success' WHEN r_status < 0.99 THEN 'failed' ELSE 'pending' END,
                   'minio',
                   CASE WHEN operation IN ('upload', 'download', 'copy') THEN floor(exp(r_size * 20))::bigint END,
                   floor(r_size * 2000)::int, '10.' || (owner % 250) || '.' || (seq % 250) || '.7',
                   'storage-client/2.1', md5('owner-' || owner)::uuid, 'session-' || (seq / 20), 'request-' || seq,
                   created_at, 'bench', 'op-' || seq, 'storage.file.' || operation, created_at,
                   CASE WHEN seq = 1 THEN decode(repeat('00', 32), 'hex') ELSE sha256(int8send(seq - 1)) END,
                   sha256(int8send(seq))
            FROM (
                SELECT seq, floor(:owners * random() ^ 2)::int AS owner,
                       CASE WHEN random() < 0.95 THEN 1 + floor(random() * :files)::int
                            ELSE :files + 1 + floor(random() * :files)::int END AS file,
                       CASE WHEN r_operation < 0.50 THEN 'download' WHEN r_operation < 0.70 THEN 'upload'
                            WHEN r_operation < 0.78 THEN 'update_metadata' WHEN r_operation < 0.83 THEN 'share'
                            WHEN r_operation < 0.88 THEN 'move' WHEN r_operation < 0.93 THEN 'delete'
                            WHEN r_operation < 0.96 THEN 'copy' WHEN r_operation < 0.97 THEN 'restore'
                            WHEN r_operation < 0.99 THEN 'revoke_share' ELSE 'quota_set' END AS operation,
                       r_status, r_size,
                       CAST(:start AS timestamptz) + make_interval(secs => (seq - 1) * :secondsPerRow) AS created_at
                FROM (
                    SELECT seq, random() AS r_operation, random() AS r_status, random() AS r_size
                    FROM generate_series(CAST(:first AS bigint), CAST(:last AS bigint)) AS seq
                ) draws
            ) row_values
            """;

    private static final String MOVE_CHAIN_HEAD = """
            UPDATE storage_audit_chain_head SET seq = :last, row_hash = sha256(int8send(CAST(:last AS bigint))),
                updated_at = now() WHERE chain = 0
            """;

    private OperationsFixture() {}

    /** Loads {@code operations} audit rows over the files {@code file-1..file-<files>}. */
    static BulkLoad.Timing load(ProbeDatabase db, long operations, int files) {
        Instant start = Instant.now().minus(Duration.ofDays(DAYS));
        double secondsPerRow = Duration.ofDays(DAYS).toSeconds() / (double) operations;
        return BulkLoad.load(db.jdbc(), "storage_operations", () -> {
            db.jdbc().queryForObject("SELECT setseed(0.17)", Object.class);
            for (long first = 1; first <= operations; first += CHUNK) {
                long last = Math.min(operations, first + CHUNK - 1);
                db.named()
                        .update(
                                INSERT_OPERATIONS,
                                new MapSqlParameterSource(Map.of(
                                        "first",
                                        first,
                                        "last",
                                        last,
                                        "owners",
                                        CatalogFixture.OWNERS,
                                        "files",
                                        files,
                                        "start",
                                        OffsetDateTime.ofInstant(start, ZoneOffset.UTC),
                                        "secondsPerRow",
                                        secondsPerRow)));
                System.out.printf("  storage_operations: %,d of %,d rows%n", last, operations);
            }
            db.named().update(MOVE_CHAIN_HEAD, Map.of("last", operations));
        });
    }
}
