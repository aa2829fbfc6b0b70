package io.storagecatalog.common.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.storagecatalog.common.event.EventContract.RecordFormat;
import io.storagecatalog.common.testing.TestEvents;
import io.storagecatalog.testkit.TestInfrastructure;
import io.storagecatalog.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The contract's limits held against the schema: every btree index over a column the events write is
 * enumerated from PostgreSQL's catalog, each text column of it must have a limit in the contract, and the
 * widest entry those limits allow must fit an index row. Then rows with every such column at its limit,
 * in text that does not compress, are stored; and one byte more is refused by the contract, naming the
 * field, before the database sees it.
 */
class ContractLimitsTest {

    /** PostgreSQL's largest btree entry on 8 kB pages ("index row size exceeds btree version 4 maximum 2704"). */
    private static final int BTREE_MAX = 2704;
    /** A CloudEvent source and id, and the id the S3 mapping derives (key, version, sequencer, event name). */
    private static final int EVENT_SOURCE = FieldLimit.ID.bytes();

    private static final int S3_EVENT_ID = FieldLimit.ID.bytes() + 1 + FieldLimit.VERSION_ID.bytes() + 1 + 128 + 1 + 64;
    private static final int S3_EVENT_SOURCE = "s3:".length() + 63;
    /** The identity the ingest worker records: a CloudEvent's source and id, or an S3 event's. */
    private static final int EVENT_KEY =
            Math.max(EVENT_SOURCE + 1 + FieldLimit.ID.bytes(), S3_EVENT_SOURCE + 1 + S3_EVENT_ID);
    /** The ingest worker's consumer name (a setting, checked at start). */
    private static final int CONSUMER = 128;

    private static final int ENUMERATION = 32;

    /** The widest value the contract lets reach each text column that events write. */
    private static final Map<String, Integer> LIMITS = Map.ofEntries(
            Map.entry("storage_files.file_id", FieldLimit.PATH.bytes()),
            Map.entry("storage_files.provider_path", FieldLimit.PATH.bytes()),
            Map.entry("storage_files.filename", FieldLimit.NAME.bytes()),
            Map.entry("storage_files.mime_type", 255),
            Map.entry("storage_files.provider", FieldLimit.NAME.bytes()),
            Map.entry("storage_files.organization_id", FieldLimit.ID.bytes()),
            Map.entry("storage_files.project_id", FieldLimit.ID.bytes()),
            Map.entry("storage_files.data_classification", ENUMERATION),
            Map.entry("storage_files.status", ENUMERATION),
            Map.entry("storage_file_versions.provider_path", FieldLimit.PATH.bytes()),
            Map.entry("storage_operations.file_id", FieldLimit.PATH.bytes()),
            Map.entry("storage_operations.correlation_id", FieldLimit.ID.bytes()),
            Map.entry("storage_operations.event_source", EVENT_SOURCE),
            Map.entry("storage_operations.event_id", Math.max(FieldLimit.ID.bytes(), S3_EVENT_ID)),
            Map.entry("storage_quotas.entity_type", ENUMERATION),
            Map.entry("storage_quotas.entity_id", FieldLimit.ID.bytes()),
            Map.entry("storage_processed_events.consumer", CONSUMER),
            Map.entry("storage_processed_events.event_key", EVENT_KEY),
            Map.entry("storage_object_sequences.file_id", FieldLimit.PATH.bytes()),
            Map.entry("storage_daily_statistics.scope_type", ENUMERATION),
            Map.entry("storage_daily_statistics.scope_id", FieldLimit.ID.bytes()),
            Map.entry("storage_daily_statistics.mime_category", 255),
            Map.entry("storage_daily_statistics.data_classification", ENUMERATION),
            // Object-store listings, not events: S3 limits a bucket's name to 63 bytes, a key to 1,024.
            Map.entry("storage_orphan_objects.bucket", 63),
            Map.entry("storage_orphan_objects.object_key", 1024));
    /** Tables no event writes (the job repository, locks, the chain's own bookkeeping). */
    private static final List<String> NOT_FROM_EVENTS =
            List.of("batch_", "flyway_", "shedlock", "storage_job_status", "storage_audit_");

    private static String url;
    private static TestPostgres postgres;

    @BeforeAll
    static void migrate() {
        postgres = TestInfrastructure.postgres();
        url = postgres.jdbcUrl(postgres.createDatabase());
        Flyway.configure()
                .dataSource(url, postgres.username(), postgres.password())
                .load()
                .migrate();
    }

    record IndexColumn(String index, String table, String column, String type) {}

    @Test
    void everyColumnTheLimitsTableNamesIsATextColumnOfTheSchema() throws Exception {
        try (Connection connection = DriverManager.getConnection(url, postgres.username(), postgres.password());
                PreparedStatement ps = connection.prepareStatement("SELECT data_type FROM information_schema.columns "
                        + "WHERE table_schema = 'public' AND table_name = ? AND column_name = ?")) {
            for (FieldLimit limit : FieldLimit.values()) {
                for (String column : limit.columns()) {
                    String[] parts = column.split("\\.");
                    ps.setString(1, parts[0]);
                    ps.setString(2, parts[1]);
                    try (ResultSet rs = ps.executeQuery()) {
                        assertThat(rs.next()).as("%s names %s", limit, column).isTrue();
                        assertThat(rs.getString(1))
                                .as("%s names %s", limit, column)
                                .isIn("text", "jsonb");
                    }
                }
            }
        }
    }

    @Test
    void everyIndexedTextColumnHasALimitAndTheWidestEntryFitsAnIndexRow() throws Exception {
        Map<String, List<IndexColumn>> indexes = new LinkedHashMap<>();
        for (IndexColumn column : btreeIndexColumns()) {
            if (NOT_FROM_EVENTS.stream().noneMatch(column.table()::startsWith)) {
                indexes.computeIfAbsent(column.index(), i -> new ArrayList<>()).add(column);
            }
        }
        assertThat(indexes).hasSizeGreaterThan(20);
        for (Map.Entry<String, List<IndexColumn>> index : indexes.entrySet()) {
            int widest = 8; // the index tuple's header
            for (IndexColumn column : index.getValue()) {
                widest += 8
                        + switch (column.type()) {
                            case "text" -> {
                                String name = column.table() + "." + column.column();
                                assertThat(LIMITS)
                                        .as("a contract limit for %s (indexed by %s)", name, index.getKey())
                                        .containsKey(name);
                                yield LIMITS.get(name) + 4;
                            }
                            case "uuid" -> 16;
                            case "bytea" -> 32 + 4; // the chain's hashes: SHA-256, a CHECK holds them to 32 bytes
                            case "timestamp with time zone", "bigint", "timestamp without time zone" -> 8;
                            case "integer", "date" -> 4;
                            case "smallint" -> 2;
                            case "boolean" -> 1;
                            default ->
                                throw new AssertionError("index " + index.getKey() + ": a column of type "
                                        + column.type() + " the test does not size; give it a size here");
                        };
            }
            assertThat(widest)
                    .as("the widest entry of %s %s", index.getKey(), index.getValue())
                    .isLessThan(BTREE_MAX);
        }
    }

    @Test
    void rowsWithEveryIndexedValueAtItsLimitAreStored() throws Exception {
        Random random = new Random(7);
        try (Connection connection = DriverManager.getConnection(url, postgres.username(), postgres.password())) {
            UUID file = UUID.randomUUID();
            insert(
                    connection,
                    """
                    INSERT INTO storage_files (id, file_id, filename, original_name, mime_type, size, checksum, provider,
                        provider_path, organization_id, project_id, created_by, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, 1, 'c', ?, ?, ?, ?, ?, now(), now())""",
                    file,
                    text(random, FieldLimit.PATH.bytes()),
                    text(random, FieldLimit.NAME.bytes()),
                    text(random, FieldLimit.NAME.bytes()),
                    text(random, 255),
                    text(random, FieldLimit.NAME.bytes()),
                    text(random, FieldLimit.PATH.bytes()),
                    text(random, FieldLimit.ID.bytes()),
                    text(random, FieldLimit.ID.bytes()),
                    UUID.randomUUID());
            insert(
                    connection,
                    "INSERT INTO storage_processed_events (consumer, event_key) VALUES (?, ?)",
                    text(random, CONSUMER),
                    text(random, EVENT_KEY));
            insert(
                    connection,
                    "INSERT INTO storage_object_sequences (file_id, sequence, removed) VALUES (?, ?, false)",
                    text(random, FieldLimit.PATH.bytes()),
                    "0".repeat(64));
            insert(
                    connection,
                    "INSERT INTO storage_quotas (entity_type, entity_id) VALUES ('project', ?)",
                    text(random, FieldLimit.ID.bytes()));
            insert(connection, """
                    INSERT INTO storage_daily_statistics (day, scope_type, scope_id, mime_category, data_classification,
                        files, bytes, uploads, downloads, deletes, bytes_transferred, failures, computed_at)
                    VALUES (current_date, 'organization', ?, ?, 'restricted', 0, 0, 0, 0, 0, 0, 0, now())""", text(random, FieldLimit.ID.bytes()), text(random, 255));
        }
    }

    @Test
    void oneByteMoreIsRefusedByTheContractNamingTheField() {
        String over = "\u00e9".repeat(FieldLimit.PATH.bytes() / 2) + "x";
        Map<String, Object> fields = Map.of(
                "fileId", "files/" + over,
                "providerPath", "p/" + over,
                "filename", "\u00e9".repeat(FieldLimit.NAME.bytes() / 2) + "x",
                "mimeType", "\u00e9".repeat(128),
                "provider", "\u00e9".repeat(FieldLimit.NAME.bytes() / 2) + "x",
                "organizationId", "\u00e9".repeat(FieldLimit.ID.bytes() / 2) + "x",
                "projectId", "\u00e9".repeat(FieldLimit.ID.bytes() / 2) + "x",
                "correlationId", "\u00e9".repeat(FieldLimit.ID.bytes() / 2) + "x");
        EventContract contract = new EventContract();
        fields.forEach((field, value) -> {
            var event = field.equals("fileId")
                    ? TestEvents.upload().fileId((String) value)
                    : TestEvents.upload().data(field, value);
            assertThatThrownBy(() ->
                            contract.parse(event.userId(UUID.randomUUID()).structured(), RecordFormat.CLOUD_EVENTS))
                    .as(field)
                    .isInstanceOfSatisfying(
                            InvalidEventException.class,
                            e -> assertThat(e.getMessage()).startsWith("data." + field + ": must be at most"));
        });
        assertThatThrownBy(() -> contract.parse(
                        TestEvents.upload().source("/" + "\u00e9".repeat(512)).structured(), RecordFormat.CLOUD_EVENTS))
                .isInstanceOfSatisfying(
                        InvalidEventException.class,
                        e -> assertThat(e.getMessage()).startsWith("source: must be at most 1024 bytes"));
    }

    private static List<IndexColumn> btreeIndexColumns() throws Exception {
        List<IndexColumn> columns = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url, postgres.username(), postgres.password());
                PreparedStatement ps = connection.prepareStatement("""
                        SELECT i.relname, t.relname, coalesce(a.attname, '(expression)'),
                               coalesce(format_type(a.atttypid, a.atttypmod), 'expression')
                        FROM pg_index x
                        JOIN pg_class i ON i.oid = x.indexrelid
                        JOIN pg_class t ON t.oid = x.indrelid
                        JOIN pg_namespace n ON n.oid = t.relnamespace
                        JOIN pg_am am ON am.oid = i.relam
                        CROSS JOIN LATERAL unnest(x.indkey::smallint[]) WITH ORDINALITY AS k(attnum, position)
                        LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
                        WHERE n.nspname = 'public' AND am.amname = 'btree'
                        ORDER BY i.relname, k.position""");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                columns.add(new IndexColumn(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
            }
        }
        return columns;
    }

    // Random letters from the CJK block: three bytes each in UTF-8, and nothing for compression to find.
    private static String text(Random random, int bytes) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < bytes / 3; i++) {
            text.append((char) (0x4E00 + random.nextInt(0x5000)));
        }
        text.append("x".repeat(bytes % 3));
        assertThat(JsonFields.utf8Bytes(text.toString())).isEqualTo(bytes);
        return text.toString();
    }

    private static void insert(Connection connection, String sql, Object... values) throws Exception {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i]);
            }
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
    }
}
