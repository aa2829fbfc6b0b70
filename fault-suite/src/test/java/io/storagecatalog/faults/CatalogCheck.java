package io.storagecatalog.faults;

import io.storagecatalog.common.audit.AuditChainRepository;
import io.storagecatalog.common.audit.AuditChainVerifier;
import io.storagecatalog.common.audit.MaintenanceTrail;
import io.storagecatalog.common.audit.OperationRepository;
import io.storagecatalog.common.catalog.QuotaRepository;
import io.storagecatalog.common.event.CatalogEvent;
import io.storagecatalog.testkit.TopicReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.springframework.jdbc.core.JdbcTemplate;

/** Compares what a pipeline holds with what its stream says it must hold. */
final class CatalogCheck {

    private static final int SHOWN = 8;

    private final Pipeline pipeline;
    private final FaultStream stream;
    private final List<String> problems = new ArrayList<>();

    private final int deadLetterCopies;

    /**
     * @param deadLetterCopies how often each bad record must be in the dead-letter topic: once per
     *                         ingest consumer group that read the stream
     */
    CatalogCheck(Pipeline pipeline, FaultStream stream, int deadLetterCopies) {
        this.pipeline = pipeline;
        this.stream = stream;
        this.deadLetterCopies = deadLetterCopies;
    }

    Outcome check(String scenario) {
        JdbcTemplate jdbc = pipeline.jdbc();
        long[] audit = audit(jdbc);
        long[] catalog = catalog(jdbc, new ReferenceModel(stream.validEvents()));
        long quotaDrift = quotaDrift(jdbc);
        boolean intact = new AuditChainVerifier(new OperationRepository(jdbc), new AuditChainRepository(jdbc))
                .verify()
                .intact();
        if (!intact) {
            problems.add("the audit chain does not verify");
        }
        // Each partition appends to its own chain: a stream over several partitions fills several chains.
        Long chains = jdbc.queryForObject(
                "SELECT count(DISTINCT chain) FROM storage_operations WHERE event_source <> ?",
                Long.class,
                MaintenanceTrail.SOURCE);
        if (pipeline.partitions() > 1 && chains != null && chains < 2) {
            problems.add("the stream's audit rows are all in one chain");
        }
        int[] deadLetters = deadLetters();
        return new Outcome(
                scenario,
                stream.records().size(),
                stream.validEvents().size(),
                audit[0] + catalog[0],
                audit[1],
                catalog[1] + quotaDrift,
                intact,
                stream.badRecords().size() * deadLetterCopies,
                deadLetters[0],
                deadLetters[1],
                deadLetters[2],
                List.copyOf(problems));
    }

    /** [events without their audit row, audit rows too many]. */
    private long[] audit(JdbcTemplate jdbc) {
        Map<String, Long> rows = new HashMap<>();
        // The stream's events only: maintenance actions (corrupted marks, purges) are on the chain too.
        jdbc.query(
                "SELECT event_source, event_id, count(*) AS n FROM storage_operations " + "WHERE event_source <> '"
                        + MaintenanceTrail.SOURCE + "' GROUP BY 1, 2",
                rs -> {
                    rows.put(rs.getString(1) + " " + rs.getString(2), rs.getLong(3));
                });
        long lost = 0;
        long duplicated = 0;
        Set<String> expected = new HashSet<>();
        for (CatalogEvent event : stream.validEvents()) {
            String key = event.id().source() + " " + event.id().id();
            expected.add(key);
            Long n = rows.get(key);
            if (n == null) {
                lost++;
                note("no audit row for event " + key);
            } else if (n > 1) {
                duplicated += n - 1;
                note(n + " audit rows for event " + key);
            }
        }
        for (String key : rows.keySet()) {
            if (!expected.contains(key)) {
                duplicated += rows.get(key);
                note("an audit row for an event never sent: " + key);
            }
        }
        return new long[] {lost, duplicated};
    }

    private record Row(
            UUID owner,
            String status,
            String filename,
            String providerPath,
            long size,
            long accessCount,
            int versions,
            Long currentSize) {}

    /** [files missing, files that differ (or should not exist)]. */
    private long[] catalog(JdbcTemplate jdbc, ReferenceModel model) {
        Map<String, Row> rows = new HashMap<>();
        jdbc.query("""
                SELECT f.file_id, f.created_by, f.status, f.filename, f.provider_path, f.size, f.access_count,
                       (SELECT count(*) FROM storage_file_versions v WHERE v.file_id = f.id) AS versions,
                       (SELECT v.size FROM storage_file_versions v WHERE v.file_id = f.id AND v.is_current) AS current_size
                FROM storage_files f
                """, rs -> {
            rows.put(
                    rs.getString("file_id"),
                    new Row(
                            rs.getObject("created_by", UUID.class),
                            rs.getString("status"),
                            rs.getString("filename"),
                            rs.getString("provider_path"),
                            rs.getLong("size"),
                            rs.getLong("access_count"),
                            rs.getInt("versions"),
                            rs.getObject("current_size", Long.class)));
        });
        Map<String, Set<UUID>> shares = new HashMap<>();
        jdbc.query(
                "SELECT f.file_id, s.id FROM storage_file_shares s JOIN storage_files f ON f.id = s.file_id "
                        + "WHERE s.is_active",
                rs -> {
                    shares.computeIfAbsent(rs.getString(1), k -> new HashSet<>())
                            .add(rs.getObject(2, UUID.class));
                });
        long missing = 0;
        long differing = 0;
        for (ReferenceModel.ExpectedFile file : model.files().values()) {
            Row row = rows.remove(file.fileId);
            if (row == null) {
                missing++;
                note("file missing from the catalog: " + file.fileId);
                continue;
            }
            List<String> differences = new ArrayList<>();
            Set<Long> sizes = model.possibleSizes(file);
            compare(differences, "created_by", file.owner, row.owner());
            compare(differences, "status", file.deleted ? "deleted" : "active", row.status());
            compare(differences, "filename", file.filename, row.filename());
            compare(differences, "provider_path", file.providerPath, row.providerPath());
            compare(differences, "access_count", file.accessCount, row.accessCount());
            compare(differences, "versions", file.versions, row.versions());
            if (!sizes.contains(row.size()) || row.currentSize() == null || row.currentSize() != row.size()) {
                differences.add("size " + row.size() + " (current version " + row.currentSize() + "), expected one of "
                        + (sizes.size() > 5 ? sizes.size() + " sizes" : sizes));
            }
            Set<UUID> activeShares = shares.getOrDefault(file.fileId, Set.of());
            if (!activeShares.equals(file.activeShares.keySet())) {
                differences.add("active shares " + activeShares + ", expected " + file.activeShares.keySet());
            }
            if (!differences.isEmpty()) {
                differing++;
                note(file.fileId + ": " + String.join("; ", differences));
            }
        }
        for (String unexpected : rows.keySet()) {
            differing++;
            note("a file no valid event created: " + unexpected);
        }
        return new long[] {missing, differing};
    }

    private static void compare(List<String> differences, String field, Object expected, Object actual) {
        if (!String.valueOf(expected).equals(String.valueOf(actual))) {
            differences.add(field + " " + actual + ", expected " + expected);
        }
    }

    private long quotaDrift(JdbcTemplate jdbc) {
        List<String> drift =
                jdbc.query("WITH expected AS (" + QuotaRepository.RECALCULATED_USAGE + """
                )
                SELECT coalesce(e.entity_type, q.entity_type) || ':' || coalesce(e.entity_id, q.entity_id)
                       || ' stored ' || coalesce(q.used_storage_bytes, 0) || ' B / ' || coalesce(q.used_files, 0)
                       || ' files, recalculated ' || coalesce(e.bytes, 0) || ' B / ' || coalesce(e.files, 0) || ' files'
                FROM expected e FULL JOIN storage_quotas q
                  ON q.entity_type = e.entity_type AND q.entity_id = e.entity_id
                WHERE coalesce(q.used_storage_bytes, 0) <> coalesce(e.bytes, 0)
                   OR coalesce(q.used_files, 0) <> coalesce(e.files, 0)
                """, (rs, n) -> rs.getString(1));
        drift.forEach(d -> note("quota drift: " + d));
        return drift.size();
    }

    /** [dead letters, dead letters that are not a bad record plus bad records without one, without a reason]. */
    private int[] deadLetters() {
        List<ConsumerRecord<String, byte[]>> letters = TopicReader.read(
                pipeline.kafka().bootstrapServers(),
                pipeline.deadLetterTopic(),
                stream.badRecords().size() * deadLetterCopies,
                Duration.ofSeconds(60),
                Duration.ofSeconds(2));
        Map<ByteBuffer, Integer> expected = new HashMap<>();
        stream.badRecords().forEach(bad -> expected.merge(digest(bad.value()), deadLetterCopies, Integer::sum));
        int mismatched = 0;
        int withoutReason = 0;
        for (ConsumerRecord<String, byte[]> letter : letters) {
            Header reason = letter.headers().lastHeader("storage-catalog-dlt-reason");
            if (reason == null) {
                withoutReason++;
                note("a dead letter without its reason at offset " + letter.offset());
            }
            // A dead letter whose value was left out or changed (too large, or a password removed) names
            // the original's SHA-256.
            Header original = letter.headers().lastHeader("storage-catalog-dlt-value-sha256");
            ByteBuffer key = original == null
                    ? digest(letter.value())
                    : ByteBuffer.wrap(
                            java.util.HexFormat.of().parseHex(new String(original.value(), StandardCharsets.US_ASCII)));
            if (expected.getOrDefault(key, 0) == 0) {
                mismatched++;
                note("a dead letter that is not one of the bad records: "
                        + (reason == null ? "(no reason)" : new String(reason.value(), StandardCharsets.UTF_8)));
            } else {
                expected.merge(key, -1, Integer::sum);
            }
        }
        int missing = expected.values().stream().mapToInt(Integer::intValue).sum();
        if (missing > 0) {
            note("bad records without their dead letter: " + missing);
        }
        return new int[] {letters.size(), mismatched + missing, withoutReason};
    }

    private static ByteBuffer digest(byte[] value) {
        try {
            return ByteBuffer.wrap(MessageDigest.getInstance("SHA-256").digest(value == null ? new byte[0] : value));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void note(String problem) {
        if (problems.size() < SHOWN) {
            problems.add(problem);
        } else if (problems.size() == SHOWN) {
            problems.add("...");
        }
    }
}
