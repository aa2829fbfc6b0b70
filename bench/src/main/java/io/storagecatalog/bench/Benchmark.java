package io.storagecatalog.bench;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.postgresql.PGConnection;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import io.storagecatalog.audit.AuditWorkerApplication;
import io.storagecatalog.common.audit.AuditHashing;
import io.storagecatalog.common.audit.AuditRow;
import io.storagecatalog.common.audit.AuditRows;
import io.storagecatalog.common.audit.OperationRepository;
import io.storagecatalog.common.catalog.FileRepository;
import io.storagecatalog.common.catalog.FileRow;
import io.storagecatalog.common.event.CatalogCommand.Upload;
import io.storagecatalog.common.event.CatalogEvent;
import io.storagecatalog.common.event.EventContract;
import io.storagecatalog.common.event.EventContract.RecordFormat;
import io.storagecatalog.common.event.RawRecord;
import io.storagecatalog.common.testing.MixedEvents;
import io.storagecatalog.common.testing.RecordPublisher;
import io.storagecatalog.ingest.IngestWorkerApplication;
import io.storagecatalog.testkit.TestInfrastructure;
import io.storagecatalog.testkit.TestPostgres;

/**
 * Throughput of the workers against their physical ceiling and against the naive way, measured side
 * by side in one run on the same machine and servers: the audit worker against PostgreSQL COPY of the
 * very same audit rows, the ingest worker against a batched upsert of the same file rows, both against
 * one INSERT and one commit per event. Prints rates and ratios; writes Markdown and JSON.
 *
 * <p>{@code java -jar bench/target/bench.jar [--events=N] [--out=DIR]} (default 1,000,000 events). With
 * {@code --probes} it runs the scale probes instead ({@link ScaleProbes}).
 */
public final class Benchmark {

    private static final int CHUNK = 20_000;
    private static final int NAIVE_EVENTS = 5_000;

    public static void main(String[] args) {
        int status = 1;
        try {
            if (java.util.Arrays.asList(args).contains("--probes")) {
                ScaleProbes.run(args);
            } else {
                run(args);
            }
            status = 0;
        } catch (Exception e) {
            e.printStackTrace();
        } finally {
            // The embedded servers run non-daemon threads: leave explicitly.
            System.exit(status);
        }
    }

    private static void run(String[] args) throws Exception {
        int events = Integer.parseInt(option(args, "events", "1000000"));
        Path out = Path.of(option(args, "out", "bench/results"));
        TestPostgres postgres = TestInfrastructure.postgres();
        String bootstrap = TestInfrastructure.kafka().bootstrapServers();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String topic = "bench.file-events." + suffix;
        TestInfrastructure.kafka().createTopics(6, topic);

        long published = 0;
        try (RecordPublisher publisher = new RecordPublisher(bootstrap)) {
            MixedEvents stream = new MixedEvents(1, 50);
            while (published < events) {
                int n = (int) Math.min(CHUNK, events - published);
                publisher.publish(topic, stream.next(n));
                published += n;
            }
        }
        System.out.printf("published %d events to %s%n", events, topic);

        Map<String, Double> rates = new LinkedHashMap<>();
        rates.put("audit worker (events/s)", workerRate(AuditWorkerApplication.class, "audit", postgres, bootstrap,
                topic, events, "SELECT count(*), extract(epoch from max(recorded_at) - min(recorded_at)) "
                        + "FROM storage_operations"));
        rates.put("ingest worker (events/s)", workerRate(IngestWorkerApplication.class, "ingest", postgres, bootstrap,
                topic, events, "SELECT count(*), extract(epoch from max(processed_at) - min(processed_at)) "
                        + "FROM storage_processed_events"));
        rates.put("COPY of the same audit rows (rows/s)", copyCeiling(postgres, events));
        rates.put("batched upsert of the same file rows (rows/s)", upsertCeiling(postgres, events));
        rates.put("naive audit: one INSERT + commit per event (rows/s)", naiveAudit(postgres));
        rates.put("naive upsert: one upsert + commit per file (rows/s)", naiveUpsert(postgres));

        Map<String, Double> ratios = new LinkedHashMap<>();
        ratios.put("audit worker / COPY", rates.get("audit worker (events/s)")
                / rates.get("COPY of the same audit rows (rows/s)"));
        ratios.put("audit worker / naive", rates.get("audit worker (events/s)")
                / rates.get("naive audit: one INSERT + commit per event (rows/s)"));
        ratios.put("ingest worker / batched upsert", rates.get("ingest worker (events/s)")
                / rates.get("batched upsert of the same file rows (rows/s)"));
        ratios.put("ingest worker / naive", rates.get("ingest worker (events/s)")
                / rates.get("naive upsert: one upsert + commit per file (rows/s)"));
        report(out, events, rates, ratios);
    }

    /** Runs a worker over the pre-filled topic on a database of its own; the rate from first to last commit. */
    private static double workerRate(Class<?> application, String name, TestPostgres postgres, String bootstrap,
            String topic, int events, String progressSql) {
        String database = postgres.createDatabase();
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.application.name", name + "-bench");
        properties.put("server.port", "0");
        properties.put("spring.datasource.url", postgres.jdbcUrl(database));
        properties.put("spring.datasource.username", postgres.username());
        properties.put("spring.datasource.password", postgres.password());
        properties.put("spring.datasource.hikari.data-source-properties.reWriteBatchedInserts", "true");
        properties.put("spring.kafka.bootstrap-servers", bootstrap);
        properties.put("spring.kafka.consumer.group-id", name + "-bench-" + database);
        properties.put("spring.kafka.consumer.auto-offset-reset", "earliest");
        properties.put("spring.kafka.consumer.max-poll-records", "2000");
        properties.put("spring.kafka.consumer.key-deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
        properties.put("spring.kafka.consumer.value-deserializer",
                "org.apache.kafka.common.serialization.ByteArrayDeserializer");
        properties.put("spring.kafka.producer.key-serializer", "org.apache.kafka.common.serialization.StringSerializer");
        properties.put("spring.kafka.producer.value-serializer",
                "org.apache.kafka.common.serialization.ByteArraySerializer");
        properties.put("spring.kafka.listener.type", "batch");
        properties.put("spring.kafka.listener.ack-mode", name.equals("ingest") ? "manual" : "batch");
        properties.put("storage-catalog.topics.file-events", topic);
        properties.put("storage-catalog.topics.s3-notifications", topic + ".s3");
        properties.put("storage-catalog.topics.catalog-events", topic + ".catalog");
        properties.put("storage-catalog.audit.checkpoints", "false");
        properties.put("logging.level.root", "WARN");
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(postgres.jdbcUrl(database),
                postgres.username(), postgres.password()));
        Instant deadline = Instant.now().plus(Duration.ofMinutes(60));
        try (ConfigurableApplicationContext worker = new SpringApplicationBuilder(application).run(args)) {
            while (Instant.now().isBefore(deadline)) {
                Map<String, Object> progress = jdbc.queryForMap(progressSql);
                long done = ((Number) progress.get("count")).longValue();
                if (done >= events) {
                    double seconds = ((Number) progress.get("extract")).doubleValue();
                    double rate = done / Math.max(seconds, 0.001);
                    System.out.printf("%s worker: %d events in %.1f s = %.0f events/s%n", name, done, seconds, rate);
                    worker.getBean(io.micrometer.core.instrument.MeterRegistry.class).find("storage_catalog_ingest_retries")
                            .counters().forEach(c -> System.out.printf("  retries %s: %.0f%n", c.getId().getTag("cause"),
                                    c.count()));
                    return rate;
                }
                Thread.onSpinWait();
                sleepQuietly();
            }
        }
        throw new IllegalStateException(name + " worker did not finish within an hour");
    }

    private static double copyCeiling(TestPostgres postgres, int events) throws Exception {
        String url = migrated(postgres);
        MixedEvents stream = new MixedEvents(1, 50);
        Chain chain = new Chain();
        long rows = 0;
        long nanos = 0;
        try (Connection connection = DriverManager.getConnection(url, postgres.username(), postgres.password())) {
            PGConnection pg = connection.unwrap(PGConnection.class);
            for (int done = 0; done < events; done += CHUNK) {
                StringBuilder copy = new StringBuilder();
                chain.rows(stream.next(Math.min(CHUNK, events - done)), row -> appendCopyLine(copy, row));
                rows = chain.seq;
                byte[] bytes = copy.toString().getBytes(StandardCharsets.UTF_8);
                long start = System.nanoTime();
                pg.getCopyAPI().copyIn("COPY storage_operations (id, seq, file_id, operation, status, provider, "
                        + "bytes_transferred, duration_ms, client_ip, user_agent, user_id, session_id, correlation_id, "
                        + "error_code, error_message, error_details, purpose, metadata, created_at, event_source, "
                        + "event_id, event_type, recorded_at, prev_hash, row_hash) FROM STDIN",
                        new ByteArrayInputStream(bytes));
                nanos += System.nanoTime() - start;
            }
        }
        double rate = rows / (nanos / 1e9);
        System.out.printf("COPY: %d rows in %.1f s = %.0f rows/s%n", rows, nanos / 1e9, rate);
        return rate;
    }

    private static double upsertCeiling(TestPostgres postgres, int events) {
        String url = migrated(postgres);
        SingleConnectionDataSource dataSource = new SingleConnectionDataSource(url + (url.contains("?") ? "&" : "?")
                + "reWriteBatchedInserts=true", postgres.username(), postgres.password(), true);
        FileRepository files = new FileRepository(new JdbcTemplate(dataSource));
        TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        List<FileRow> rows = fileRows(events);
        return timed("batched upsert", rows.size(), () -> {
            for (int from = 0; from < rows.size(); from += 500) {
                List<FileRow> batch = rows.subList(from, Math.min(rows.size(), from + 500));
                transactions.executeWithoutResult(status -> files.upsert(batch));
            }
        });
    }

    private static double naiveAudit(TestPostgres postgres) {
        String url = migrated(postgres);
        // One connection, autocommit: one INSERT and one commit per event, as the seed's code did.
        OperationRepository operations = new OperationRepository(new JdbcTemplate(new SingleConnectionDataSource(url,
                postgres.username(), postgres.password(), true)));
        List<AuditRow> rows = new ArrayList<>();
        new Chain().rows(new MixedEvents(1, 50).next(NAIVE_EVENTS), rows::add);
        return timed("naive audit", rows.size(), () -> rows.forEach(row -> operations.append(List.of(row))));
    }

    private static double naiveUpsert(TestPostgres postgres) {
        String url = migrated(postgres);
        FileRepository files = new FileRepository(new JdbcTemplate(new SingleConnectionDataSource(url,
                postgres.username(), postgres.password(), true)));
        List<FileRow> rows = fileRows(NAIVE_EVENTS);
        return timed("naive upsert", rows.size(), () -> rows.forEach(row -> files.upsert(List.of(row))));
    }

    private static double timed(String measure, int rows, Runnable work) {
        long start = System.nanoTime();
        work.run();
        double seconds = (System.nanoTime() - start) / 1e9;
        double rate = rows / seconds;
        System.out.printf("%s: %d rows in %.1f s = %.0f rows/s%n", measure, rows, seconds, rate);
        return rate;
    }

    /** Audit rows of a stream, chained as the audit worker chains them (hashes computed, not timed). */
    private static final class Chain {
        private final EventContract contract = new EventContract();
        private byte[] previous = AuditHashing.GENESIS;
        private long seq;

        void rows(List<RawRecord> records, java.util.function.Consumer<AuditRow> consumer) {
            for (RawRecord record : records) {
                for (CatalogEvent event : contract.parse(record, RecordFormat.CLOUD_EVENTS)) {
                    AuditRow row = AuditRows.of(event, Instant.now());
                    byte[] hash = AuditHashing.hash(previous, row);
                    consumer.accept(row.chained(++seq, previous, hash));
                    previous = hash;
                }
            }
        }
    }

    /** The file rows (their final state, one per file) of the uploads among the stream's first events. */
    private static List<FileRow> fileRows(int events) {
        EventContract contract = new EventContract();
        Map<String, FileRow> rows = new LinkedHashMap<>();
        MixedEvents stream = new MixedEvents(1, 50);
        for (int done = 0; done < events; done += CHUNK) {
            for (RawRecord record : stream.next(Math.min(CHUNK, events - done))) {
                for (CatalogEvent event : contract.parse(record, RecordFormat.CLOUD_EVENTS)) {
                    if (event.command() instanceof Upload upload && event.audit().succeeded()) {
                        rows.put(upload.fileId(), new FileRow(UUID.randomUUID(), upload.fileId(), upload.filename(),
                                upload.originalName(), upload.mimeType(), upload.size(), upload.checksum(),
                                upload.checksumAlgorithm(), upload.encoding(), upload.provider(), upload.providerPath(),
                                upload.providerMetadataJson(), upload.classification().dbValue(), upload.encrypted(),
                                upload.encryptionKeyId(), upload.tags(), upload.customMetadataJson(),
                                upload.organizationId(), upload.projectId(), event.audit().userId(), event.audit().userId(),
                                event.time(), event.time(), null, 0, "active", null));
                    }
                }
            }
        }
        // One row per file: an upsert of one file twice in one statement is not an upsert PostgreSQL allows.
        return new ArrayList<>(rows.values());
    }

    private static String migrated(TestPostgres postgres) {
        String url = postgres.jdbcUrl(postgres.createDatabase());
        Flyway.configure().dataSource(url, postgres.username(), postgres.password()).load().migrate();
        return url;
    }

    private static void appendCopyLine(StringBuilder out, AuditRow r) {
        Object[] values = { r.id(), r.seq(), r.fileId(), r.operation(), r.status(), r.provider(), r.bytesTransferred(),
                r.durationMs(), r.clientIp(), r.userAgent(), r.userId(), r.sessionId(), r.correlationId(), r.errorCode(),
                r.errorMessage(), r.errorDetailsJson(), r.purpose(), r.metadataJson(), r.createdAt(), r.eventSource(),
                r.eventId(), r.eventType(), r.recordedAt(), r.prevHash(), r.rowHash() };
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.append('\t');
            }
            Object value = values[i];
            if (value == null) {
                out.append("\\N");
            } else if (value instanceof byte[] bytes) {
                out.append("\\\\x").append(HexFormat.of().formatHex(bytes));
            } else {
                String text = value.toString();
                for (int c = 0; c < text.length(); c++) {
                    char ch = text.charAt(c);
                    switch (ch) {
                        case '\\' -> out.append("\\\\");
                        case '\t' -> out.append("\\t");
                        case '\n' -> out.append("\\n");
                        case '\r' -> out.append("\\r");
                        default -> out.append(ch);
                    }
                }
            }
        }
        out.append('\n');
    }

    private static void report(Path out, int events, Map<String, Double> rates, Map<String, Double> ratios)
            throws Exception {
        StringBuilder markdown = new StringBuilder("| measure | value |\n|---|---|\n");
        rates.forEach((k, v) -> markdown.append("| ").append(k).append(" | ").append(String.format("%,.0f", v))
                .append(" |\n"));
        ratios.forEach((k, v) -> markdown.append("| ").append(k).append(" | ").append(String.format("%.2f", v))
                .append(" |\n"));
        StringBuilder json = new StringBuilder("{\n  \"events\": " + events + ",\n  \"at\": \"" + Instant.now()
                + "\",\n  \"rates\": {");
        appendJson(json, rates);
        json.append("},\n  \"ratios\": {");
        appendJson(json, ratios);
        json.append("}\n}\n");
        Files.createDirectories(out);
        Files.writeString(out.resolve("latest.md"), markdown);
        Files.writeString(out.resolve("latest.json"), json);
        System.out.println();
        System.out.println("events: " + events);
        System.out.print(markdown);
    }

    private static void appendJson(StringBuilder json, Map<String, Double> values) {
        String separator = "\n";
        for (Map.Entry<String, Double> entry : values.entrySet()) {
            json.append(separator).append("    \"").append(entry.getKey()).append("\": ")
                    .append(String.format(java.util.Locale.ROOT, "%.3f", entry.getValue()));
            separator = ",\n";
        }
        json.append("\n  ");
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String option(String[] args, String name, String defaultValue) {
        for (String arg : args) {
            if (arg.startsWith("--" + name + "=")) {
                return arg.substring(name.length() + 3);
            }
        }
        return defaultValue;
    }
}
