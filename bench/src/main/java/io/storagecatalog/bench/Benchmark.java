package io.storagecatalog.bench;

import io.storagecatalog.common.audit.AuditCopyFormat;
import io.storagecatalog.common.audit.AuditHashing;
import io.storagecatalog.common.audit.AuditRow;
import io.storagecatalog.common.audit.AuditRows;
import io.storagecatalog.common.catalog.Announcements;
import io.storagecatalog.common.catalog.FileRepository;
import io.storagecatalog.common.catalog.FileRepository.FileWrite;
import io.storagecatalog.common.catalog.FileRow;
import io.storagecatalog.common.event.CatalogCommand.Upload;
import io.storagecatalog.common.event.CatalogEvent;
import io.storagecatalog.common.event.EventContract;
import io.storagecatalog.common.event.Operation;
import io.storagecatalog.common.event.RawRecord;
import io.storagecatalog.common.testing.RecordPublisher;
import io.storagecatalog.testkit.ConsumerLag;
import io.storagecatalog.testkit.TestInfrastructure;
import io.storagecatalog.testkit.TestPostgres;
import java.io.ByteArrayInputStream;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Throughput of the workers against their physical ceiling and against the naive way, measured side
 * by side in one run on the same machine and servers: the audit worker against PostgreSQL COPY of the
 * very same audit rows, the ingest worker against a batched upsert of the same file rows, both against
 * one INSERT and one commit per event. Prints rates and ratios; writes Markdown and JSON.
 *
 * <p>{@code java -jar bench/target/bench.jar [--events=N] [--out=DIR] [--jars=DIR] [--latency-seconds=S]
 * [--warmup-seconds=S] [--warmup-max-seconds=S] [--phases=throughput,latency] [--durable=false]
 * [--profile=true]} (the last records both workers' throughput runs with JFR, in DIR/logs) (default
 * 1,000,000 events, 60 s at 1,000 events/s after a warm-up of at least 60 s, until the JVMs' compilers
 * are quiet, at most five times the least (300 s), on a durable PostgreSQL of the benchmark's own); run from the
 * project directory (or give {@code --jars}), after {@code ./mvnw -DskipTests package}: the workers run
 * as the jars users run, each in its own JVM with {@code -Xmx256m}. With {@code --probes} it runs the
 * scale probes instead ({@link ScaleProbes}).
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
        Path jars = Path.of(option(args, "jars", "."));
        int latencySeconds = Integer.parseInt(option(args, "latency-seconds", "60"));
        int warmupSeconds = Integer.parseInt(option(args, "warmup-seconds", "60"));
        int warmupMaxSeconds =
                Integer.parseInt(option(args, "warmup-max-seconds", Integer.toString(5 * warmupSeconds)));
        boolean profile = Boolean.parseBoolean(option(args, "profile", "false"));
        Path logs = Files.createDirectories(out.resolve("logs"));
        boolean durable = Boolean.parseBoolean(option(args, "durable", "true"));
        Set<String> phases = Set.of(option(args, "phases", "throughput,latency").split(","));
        // A server of the user's own (the test kit's variable) is taken as it is configured.
        boolean external = System.getenv("STORAGE_CATALOG_TEST_JDBC_URL") != null;
        Map<String, String> settings = serverSettings(durable);
        TestPostgres postgres =
                external ? TestInfrastructure.postgres() : TestInfrastructure.dedicatedPostgres(settings);
        StatementProfile statements = StatementProfile.on(postgres);
        List<String> profiles = new ArrayList<>();
        String bootstrap = TestInfrastructure.kafka().bootstrapServers();
        List<Section> sections = new ArrayList<>();
        if (phases.contains("throughput")) {
            try (ThroughputDatabases databases = new ThroughputDatabases(postgres)) {
                sections.addAll(
                        throughput(jars, logs, profile, databases, postgres, statements, bootstrap, events, profiles));
            }
        }
        if (phases.contains("latency")) {
            Map<String, Double> cpu = new LinkedHashMap<>();
            sections.add(new Section(
                    "latency at 1,000 events/s (ms)",
                    "latency",
                    latency(
                            jars,
                            logs,
                            profile,
                            postgres,
                            statements,
                            profiles,
                            bootstrap,
                            Duration.ofSeconds(warmupSeconds),
                            Duration.ofSeconds(warmupMaxSeconds),
                            Duration.ofSeconds(latencySeconds),
                            cpu)));
            sections.add(new Section("CPU used while the latency was measured (cores)", "cpu", cpu));
        }
        report(
                out,
                events,
                external
                        ? "the server of STORAGE_CATALOG_TEST_JDBC_URL, as configured"
                        : (durable ? "durable; " : "not durable; ") + settings,
                external ? null : durable,
                profiles,
                sections);
    }

    private static List<Section> throughput(
            Path jars,
            Path logs,
            boolean profile,
            ThroughputDatabases databases,
            TestPostgres postgres,
            StatementProfile statements,
            String bootstrap,
            int events,
            List<String> profiles)
            throws Exception {
        String topic = "bench.file-events." + UUID.randomUUID().toString().substring(0, 8);
        TestInfrastructure.kafka().createTopics(6, topic, BenchStream.notificationTopic(topic));
        try (RecordPublisher publisher = new RecordPublisher(bootstrap)) {
            BenchStream stream = new BenchStream(1, 50);
            for (int published = 0; published < events; published += CHUNK) {
                BenchStream.publish(publisher, topic, stream.next(Math.min(CHUNK, events - published)));
            }
        }
        System.out.printf("published %d events to %s%n", events, topic);

        Map<String, Double> rates = new LinkedHashMap<>();
        Map<String, Double> memory = new LinkedHashMap<>();
        String auditProgress =
                "SELECT count(*), extract(epoch from max(recorded_at) - min(recorded_at)) FROM storage_operations";
        Worker audit = new Worker("audit", "audit", auditProgress, Map.of(), 1);
        // The same worker sealing signed checkpoints (Merkle roots, Ed25519, create-only copies in an S3 API
        // server) every few seconds while it appends: the cost of the evidence, side by side.
        Worker signed = new Worker("audit", "audit-signed", auditProgress, signedCheckpoints(), 1);
        // The same with one consumer thread (the worker runs two by default, each appending to the chains of
        // its partitions): what the second one adds.
        Map<String, String> oneThread = new LinkedHashMap<>(signedCheckpoints());
        oneThread.put("spring.kafka.listener.concurrency", "1");
        Worker oneThreadSigned = new Worker("audit", "audit-signed 1 thread", auditProgress, oneThread, 1);
        // Two instances of it in one consumer group: each appends to the chains of its own partitions.
        Worker twoSigned = new Worker("audit", "audit-signed x2", auditProgress, signedCheckpoints(), 2);
        Worker ingest = new Worker(
                "ingest",
                "ingest",
                "SELECT count(*), extract(epoch from max(processed_at) - "
                        + "min(processed_at)) FROM storage_processed_events",
                Map.of(),
                1);
        for (Worker worker : List.of(audit, signed, oneThreadSigned, twoSigned, ingest)) {
            String database = databases.create();
            rates.put(
                    worker.name() + " worker (events/s)",
                    workerRate(jars, logs, profile, worker, postgres, database, bootstrap, topic, events, memory));
            profiles.add(StatementProfile.table(
                    worker.name() + " worker: statements by database time", statements.top(database, 8)));
            if (worker.module().equals("audit") && !worker.settings().isEmpty()) {
                Map<String, Object> sealed = new JdbcTemplate(new DriverManagerDataSource(
                                postgres.jdbcUrl(database), postgres.username(), postgres.password()))
                        .queryForMap("SELECT count(DISTINCT checkpoint_index) AS checkpoints, "
                                + "coalesce(sum(chain_size - chain_from), 0) AS rows "
                                + "FROM storage_audit_checkpoint_chains");
                System.out.printf(
                        "  signed checkpoints sealed during the run: %s, rows sealed: %s of %d%n",
                        sealed.get("checkpoints"), sealed.get("rows"), events);
                memory.put(worker.name() + " checkpoints sealed", ((Number) sealed.get("checkpoints")).doubleValue());
            }
        }
        rates.put("COPY of the same audit rows (rows/s)", copyCeiling(databases, postgres, events));
        rates.put("batched upsert of the same file rows (rows/s)", upsertCeiling(databases, postgres, events));
        rates.put("naive audit: one INSERT + commit per event (rows/s)", naiveAudit(databases, postgres));
        rates.put("naive ingest: one statement + commit per event (events/s)", naiveIngest(databases, postgres));

        Map<String, Double> ratios = new LinkedHashMap<>();
        ratios.put(
                "audit worker / COPY",
                rates.get("audit worker (events/s)") / rates.get("COPY of the same audit rows (rows/s)"));
        ratios.put(
                "audit worker with signed checkpoints / COPY",
                rates.get("audit-signed worker (events/s)") / rates.get("COPY of the same audit rows (rows/s)"));
        ratios.put(
                "two audit workers with signed checkpoints / one",
                rates.get("audit-signed x2 worker (events/s)") / rates.get("audit-signed worker (events/s)"));
        ratios.put(
                "audit worker with signed checkpoints, two consumer threads / one",
                rates.get("audit-signed worker (events/s)") / rates.get("audit-signed 1 thread worker (events/s)"));
        ratios.put(
                "two audit workers with signed checkpoints / COPY",
                rates.get("audit-signed x2 worker (events/s)") / rates.get("COPY of the same audit rows (rows/s)"));
        ratios.put(
                "audit worker with signed checkpoints / without",
                rates.get("audit-signed worker (events/s)") / rates.get("audit worker (events/s)"));
        ratios.put(
                "audit worker / naive",
                rates.get("audit worker (events/s)")
                        / rates.get("naive audit: one INSERT + commit per event (rows/s)"));
        ratios.put(
                "ingest worker / batched upsert",
                rates.get("ingest worker (events/s)") / rates.get("batched upsert of the same file rows (rows/s)"));
        ratios.put(
                "ingest worker / naive",
                rates.get("ingest worker (events/s)")
                        / rates.get("naive ingest: one statement + commit per event (events/s)"));
        return List.of(
                new Section("rates", "", rates),
                new Section("ratios", "", ratios),
                new Section("workers at " + WorkerRun.HEAP_LIMIT, "memory", memory));
    }

    /** Both workers on a database and topic of their own, fed at 1,000 events/s; latency p50, p99, max. */
    private static Map<String, Double> latency(
            Path jars,
            Path logs,
            boolean profile,
            TestPostgres postgres,
            StatementProfile statements,
            List<String> profiles,
            String bootstrap,
            Duration minWarmup,
            Duration maxWarmup,
            Duration duration,
            Map<String, Double> cpu)
            throws Exception {
        String database = postgres.createDatabase();
        String topic = "bench.latency." + UUID.randomUUID().toString().substring(0, 8);
        TestInfrastructure.kafka()
                .createTopics(6, topic, BenchStream.notificationTopic(topic), topic + ".catalog", topic + "-dlt");
        Map<String, Double> result = new LinkedHashMap<>();
        try (WorkerRun audit = new WorkerRun(
                        "audit-latency",
                        jar(jars, "audit"),
                        workerProperties("audit", postgres, database, bootstrap, topic),
                        logs.resolve("audit-latency.log"),
                        profile);
                WorkerRun ingest = new WorkerRun(
                        "ingest-latency",
                        jar(jars, "ingest"),
                        workerProperties("ingest", postgres, database, bootstrap, topic),
                        logs.resolve("ingest-latency.log"),
                        profile)) {
            JdbcTemplate jdbc = new JdbcTemplate(
                    new DriverManagerDataSource(postgres.jdbcUrl(database), postgres.username(), postgres.password()));
            Map<String, java.util.function.Supplier<Duration>> processes = new LinkedHashMap<>();
            processes.put("audit worker", audit::cpuTime);
            processes.put("ingest worker", ingest::cpuTime);
            processes.put(
                    "benchmark JVM (Kafka broker, publisher)",
                    () -> ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO));
            // The benchmark's JVM runs the broker: its compiler competes for the same cores.
            CompilationMXBean ownCompiler = ManagementFactory.getCompilationMXBean();
            LatencyProbe.Result measured;
            try (CompilerQuiet compilers = new CompilerQuiet(() -> audit.metric("jvm_compilation_time_ms_total", "")
                    + ingest.metric("jvm_compilation_time_ms_total", "")
                    + ownCompiler.getTotalCompilationTime())) {
                measured = new LatencyProbe(bootstrap, topic, jdbc)
                        .run(1000, minWarmup, maxWarmup, duration, new CpuShares(processes), compilers);
            }
            if (!measured.toCommit()) {
                System.out.println("  the server does not record commit times (track_commit_timestamp): latency "
                        + "to the time written in each row, inside its transaction");
            }
            result.put(
                    "latency to the commit (1; 0 = to the time written in the row)", measured.toCommit() ? 1.0 : 0.0);
            result.put("warm-up (s)", measured.warmup().toMillis() / 1000.0);
            result.put("warm-up ended with the compilers quiet (1 = yes)", measured.settled() ? 1.0 : 0.0);
            result.put("compilation in the warm-up's last 10 s, all JVMs (ms)", measured.compileMillisAtStart());
            System.out.printf(
                    "  warm-up %.0f s, %s; compilation in its last 10 s: %.0f ms%n",
                    measured.warmup().toMillis() / 1000.0,
                    measured.settled() ? "compilers quiet" : "compilers still busy",
                    measured.compileMillisAtStart());
            Map<String, double[]> latencies = measured.latencies();
            measured.cpu().forEach((who, cores) -> {
                cpu.put(who, cores);
                System.out.printf("  CPU while measured: %s %.2f cores%n", who, cores);
            });
            // How the workers kept up: their batches over the whole stream (warm-up included) and, for
            // the ingest worker, how often a partition waited for a file not yet in the catalog.
            batchesOf(audit, "audit", result);
            batchesOf(ingest, "ingest", result);
            profiles.add(StatementProfile.table(
                    "both workers at 1,000 events/s: statements by database time", statements.top(database, 12)));
            result.put(
                    "ingest retries waiting for a file",
                    ingest.metric("storage_catalog_ingest_retries_total", "cause=\"waiting_for_file\""));
            for (String worker : List.of("audit", "ingest")) {
                double[] p = latencies.get(worker);
                result.put(worker + " p50", p[0]);
                result.put(worker + " p99", p[1]);
                result.put(worker + " max", p[2]);
                result.put(worker + " max during the warm-up", p[3]);
                System.out.printf(
                        "%s latency at 1,000 events/s over %d s after %.0f s of warm-up: p50 %.1f ms, "
                                + "p99 %.1f ms, max %.1f ms (warm-up max %.1f ms)%n",
                        worker, duration.toSeconds(), measured.warmup().toMillis() / 1000.0, p[0], p[1], p[2], p[3]);
            }
        }
        return result;
    }

    /** A worker's batches so far, from its metrics: how many, events in all, seconds inside their transactions. */
    private record Batches(double count, double events, double transactionSeconds) {

        Batches plus(Batches other) {
            return new Batches(
                    count + other.count, events + other.events, transactionSeconds + other.transactionSeconds);
        }

        static Batches of(WorkerRun worker, String name) {
            String batchSize = name.equals("ingest")
                    ? "storage_catalog_ingest_batch_size_records"
                    : "storage_catalog_audit_batch_size_rows";
            return new Batches(
                    worker.metric(batchSize + "_count", ""),
                    worker.metric(batchSize + "_sum", ""),
                    worker.metric("storage_catalog_" + name + "_batch_transaction_seconds_sum", ""));
        }
    }

    private static void batchesOf(WorkerRun worker, String name, Map<String, Double> result) {
        Batches batches = Batches.of(worker, name);
        result.put(name + " batches", batches.count());
        result.put(name + " mean batch (events)", batches.events() / batches.count());
        result.put(name + " mean batch transaction (ms)", 1000 * batches.transactionSeconds() / batches.count());
        System.out.printf(
                "  %s: %.0f batches, %.1f events each, %.1f ms in each transaction%n",
                name,
                batches.count(),
                batches.events() / batches.count(),
                1000 * batches.transactionSeconds() / batches.count());
    }

    /**
     * The benchmark's own PostgreSQL: durable as in production ({@code fsync}, synchronous commits and
     * full-page writes on) unless told otherwise, and with {@code pg_stat_statements} loaded.
     */
    private static Map<String, String> serverSettings(boolean durable) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("fsync", durable ? "on" : "off");
        settings.put("synchronous_commit", durable ? "on" : "off");
        settings.put("full_page_writes", durable ? "on" : "off");
        settings.put("max_connections", "300");
        // Sized as a production server would be (the defaults, 128 MB of buffers and 1 GB of WAL between
        // checkpoints, make a backend write out dirty pages, and flush WAL, itself).
        settings.put("shared_buffers", "2GB");
        settings.put("max_wal_size", "8GB");
        settings.put("shared_preload_libraries", StatementProfile.PRELOAD);
        // The latency of an event ends at its transaction's commit: PostgreSQL records when each commits.
        settings.put("track_commit_timestamp", "on");
        return settings;
    }

    /**
     * A run of a worker jar ({@code module}) under a name, the query of its progress (events written and
     * seconds from first to last write) and settings on top of the benchmark's.
     */
    private record Worker(
            String module, String name, String progressSql, Map<String, String> settings, int instances) {}

    /** Signed checkpoints every 5 s (the default cadence is 5 minutes), copied to the test kit's S3 server. */
    private static Map<String, String> signedCheckpoints() {
        io.storagecatalog.testkit.TestS3 s3 = TestInfrastructure.s3();
        return Map.of(
                "storage-catalog.audit.checkpoints",
                "true",
                "storage-catalog.audit.checkpoint-interval",
                "5s",
                "storage-catalog.audit.checkpoint-bucket",
                "bench-audit-" + UUID.randomUUID().toString().substring(0, 8),
                "storage-catalog.s3.endpoint",
                s3.endpoint(),
                "storage-catalog.s3.access-key",
                s3.accessKey(),
                "storage-catalog.s3.secret-key",
                s3.secretKey());
    }

    /**
     * Runs a worker jar (its own JVM, fixed heap) over the pre-filled topic on the given database; the
     * rate from first to last commit. Its peak heap and GC go into {@code memory}.
     */
    private static double workerRate(
            Path jars,
            Path logs,
            boolean profile,
            Worker run,
            TestPostgres postgres,
            String database,
            String bootstrap,
            String topic,
            int events,
            Map<String, Double> memory) {
        String name = run.name();
        String module = run.module();
        String progressSql = run.progressSql();
        Map<String, String> properties =
                new LinkedHashMap<>(workerProperties(module, postgres, database, bootstrap, topic));
        properties.putAll(run.settings());
        JdbcTemplate jdbc = new JdbcTemplate(
                new DriverManagerDataSource(postgres.jdbcUrl(database), postgres.username(), postgres.password()));
        try (WorkerRuns workers = WorkerRuns.start(
                run.instances(),
                instance -> new WorkerRun(
                        name.replace(' ', '-') + "-bench" + instance,
                        jar(jars, module),
                        properties,
                        logs.resolve(name.replace(' ', '-') + "-" + instance + "-throughput.log"),
                        profile))) {
            WorkerRun worker = workers.first();
            // Done when the group has committed every record (both workers commit offsets only after the
            // database commit); the broker is asked, not the database, so that the wait does not load the
            // server the worker writes to.
            Awaitility.await(name + " worker done")
                    .atMost(Duration.ofMinutes(60))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> ConsumerLag.of(
                                    bootstrap,
                                    properties.get("spring.kafka.consumer.group-id"),
                                    List.of(topic, BenchStream.notificationTopic(topic)))
                            == 0);
            Map<String, Object> progress = jdbc.queryForMap(progressSql);
            if (((Number) progress.get("count")).longValue() != events) {
                throw new IllegalStateException(name + " worker committed every offset but wrote "
                        + progress.get("count") + " of " + events + " events");
            }
            long done = ((Number) progress.get("count")).longValue();
            double seconds = ((Number) progress.get("extract")).doubleValue();
            double rate = done / Math.max(seconds, 0.001);
            System.out.printf("%s worker: %d events in %.1f s = %.0f events/s%n", name, done, seconds, rate);
            if (module.equals("ingest")) {
                for (String cause : List.of("waiting_for_file", "infrastructure")) {
                    System.out.printf(
                            "  retries %s: %.0f%n",
                            cause, worker.metric("storage_catalog_ingest_retries_total", "cause=\"" + cause + "\""));
                }
            }
            // How the run divides: batches, their size, and the share of the time spent inside the database
            // transaction (the rest is fetching, parsing, offset commits).
            Batches batches = workers.all().stream()
                    .map(each -> Batches.of(each, module))
                    .reduce(Batches::plus)
                    .orElseThrow();
            memory.put(name + " batches", batches.count());
            memory.put(name + " mean batch (events)", batches.events() / batches.count());
            memory.put(name + " time in database transactions (%)", 100 * batches.transactionSeconds() / seconds);
            System.out.printf(
                    "  %.0f batches, %.0f events each; %.1f s in database transactions (%.0f%%)%n",
                    batches.count(),
                    done / batches.count(),
                    batches.transactionSeconds(),
                    100 * batches.transactionSeconds() / seconds);
            WorkerRun.Memory used = workers.all().stream()
                    .map(WorkerRun::memory)
                    .reduce(WorkerRun.Memory::max)
                    .orElseThrow();
            memory.put(name + " peak heap (MiB)", used.peakHeapBytes() / (1024 * 1024));
            memory.put(name + " GC pause total (s)", used.gcPauseSeconds());
            memory.put(name + " GC pauses", used.gcPauses());
            memory.put(name + " GC share of run (%)", 100 * used.gcPauseSeconds() / Math.max(seconds, 0.001));
            return rate;
        }
    }

    private static Path jar(Path jars, String worker) {
        Path jar = jars.resolve(worker + "-worker").resolve("target").resolve(worker + "-worker.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it first (./mvnw -DskipTests package), "
                    + "or give --jars=<project directory>");
        }
        return jar;
    }

    private static Map<String, String> workerProperties(
            String name, TestPostgres postgres, String database, String bootstrap, String topic) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.datasource.url", postgres.jdbcUrl(database));
        properties.put("spring.datasource.username", postgres.username());
        properties.put("spring.datasource.password", postgres.password());
        properties.put("spring.kafka.bootstrap-servers", bootstrap);
        properties.put("spring.kafka.consumer.group-id", name + "-bench-" + database);
        properties.put("storage-catalog.topics.file-events", topic);
        properties.put("storage-catalog.topics.s3-notifications", BenchStream.notificationTopic(topic));
        properties.put("storage-catalog.topics.catalog-events", topic + ".catalog");
        properties.put("storage-catalog.audit.checkpoints", "false");
        properties.put(io.storagecatalog.testkit.WorkerProcess.MONITORING_PASSWORD, "bench-" + UUID.randomUUID());
        properties.put(
                io.storagecatalog.testkit.TestSigningKey.SETTING,
                io.storagecatalog.testkit.TestSigningKey.file().toString());
        properties.put("logging.level.root", "WARN");
        return properties;
    }

    private static double copyCeiling(ThroughputDatabases databases, TestPostgres postgres, int events)
            throws Exception {
        String url = databases.migrated();
        BenchStream stream = new BenchStream(1, 50);
        Chain chain = new Chain();
        long rows = 0;
        long nanos = 0;
        try (Connection connection = DriverManager.getConnection(url, postgres.username(), postgres.password())) {
            PGConnection pg = connection.unwrap(PGConnection.class);
            for (int done = 0; done < events; done += CHUNK) {
                StringBuilder copy = new StringBuilder();
                chain.rows(stream.next(Math.min(CHUNK, events - done)), row -> AuditCopyFormat.append(copy, row));
                rows = chain.seq;
                byte[] bytes = copy.toString().getBytes(StandardCharsets.UTF_8);
                long start = System.nanoTime();
                pg.getCopyAPI().copyIn(AuditCopyFormat.COPY, new ByteArrayInputStream(bytes));
                nanos += System.nanoTime() - start;
            }
        }
        double rate = rows / (nanos / 1e9);
        System.out.printf("COPY: %d rows in %.1f s = %.0f rows/s%n", rows, nanos / 1e9, rate);
        return rate;
    }

    private static double upsertCeiling(ThroughputDatabases databases, TestPostgres postgres, int events) {
        String url = databases.migrated();
        SingleConnectionDataSource dataSource = new SingleConnectionDataSource(
                url + (url.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true",
                postgres.username(),
                postgres.password(),
                true);
        FileRepository files = new FileRepository(new JdbcTemplate(dataSource));
        TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        List<FileRow> rows = fileRows(events);
        return timed("batched upsert", rows.size(), () -> {
            for (int from = 0; from < rows.size(); from += 500) {
                List<FileRow> batch = rows.subList(from, Math.min(rows.size(), from + 500));
                transactions.executeWithoutResult(status -> files.upsert(batch.stream()
                        .map(row -> new FileWrite(row, Announcements.NONE))
                        .toList()));
            }
        });
    }

    // The source platform's way, on purpose: one INSERT per event on an autocommit connection (the audit worker's
    // own path is one COPY per batch, see OperationRepository.append).
    private static final String NAIVE_INSERT = "INSERT INTO storage_operations (id, seq, file_id, operation, status, "
            + "provider, user_id, metadata, created_at, event_source, event_id, event_type, recorded_at, prev_hash, "
            + "row_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?)";

    private static double naiveAudit(ThroughputDatabases databases, TestPostgres postgres) {
        String url = databases.migrated();
        JdbcTemplate jdbc =
                new JdbcTemplate(new SingleConnectionDataSource(url, postgres.username(), postgres.password(), true));
        List<AuditRow> rows = new ArrayList<>();
        new Chain().rows(new BenchStream(1, 50).next(NAIVE_EVENTS), rows::add);
        return timed(
                "naive audit",
                rows.size(),
                () -> rows.forEach(r -> jdbc.update(
                        NAIVE_INSERT,
                        r.id(),
                        r.seq(),
                        r.fileId(),
                        r.operation(),
                        r.status(),
                        r.provider(),
                        r.userId(),
                        r.metadataJson(),
                        java.sql.Timestamp.from(r.createdAt()),
                        r.eventSource(),
                        r.eventId(),
                        r.eventType(),
                        java.sql.Timestamp.from(r.recordedAt()),
                        r.prevHash(),
                        r.rowHash())));
    }

    // The source platform's way for the catalog: one statement and one commit per event (an upload's upsert, or
    // the update of its file for any other event), on an autocommit connection.
    private static final String NAIVE_TOUCH = "UPDATE storage_files SET updated_at = ?, "
            + "access_count = access_count + ?, last_accessed_at = coalesce(?, last_accessed_at) WHERE file_id = ?";

    private static double naiveIngest(ThroughputDatabases databases, TestPostgres postgres) {
        String url = databases.migrated();
        JdbcTemplate jdbc =
                new JdbcTemplate(new SingleConnectionDataSource(url, postgres.username(), postgres.password(), true));
        FileRepository files = new FileRepository(jdbc);
        EventContract contract = new EventContract();
        List<CatalogEvent> events = new ArrayList<>();
        for (RawRecord record : new BenchStream(1, 50).next(NAIVE_EVENTS)) {
            events.addAll(contract.parse(record, BenchStream.formatOf(record)));
        }
        return timed(
                "naive ingest",
                events.size(),
                () -> events.forEach(event -> {
                    if (event.command() instanceof Upload upload) {
                        files.upsert(List.of(new FileWrite(fileRow(event, upload), Announcements.NONE)));
                    } else {
                        boolean read = event.operation() == Operation.DOWNLOAD;
                        java.sql.Timestamp at = java.sql.Timestamp.from(event.time());
                        jdbc.update(NAIVE_TOUCH, at, read ? 1 : 0, read ? at : null, event.fileId());
                    }
                }));
    }

    private static double timed(String measure, int rows, Runnable work) {
        long start = System.nanoTime();
        work.run();
        double seconds = (System.nanoTime() - start) / 1e9;
        double rate = rows / seconds;
        System.out.printf("%s: %d rows in %.1f s = %.0f rows/s%n", measure, rows, seconds, rate);
        return rate;
    }

    /** The stream's events as audit rows, hashed onto each other as the audit worker chains them. */
    static final class Chain {
        private final EventContract contract = new EventContract();
        private byte[] previous = AuditHashing.GENESIS;
        private long seq;

        long seq() {
            return seq;
        }

        byte[] head() {
            return previous;
        }

        void rows(List<RawRecord> records, java.util.function.Consumer<AuditRow> consumer) {
            for (RawRecord record : records) {
                for (CatalogEvent event : contract.parse(record, BenchStream.formatOf(record))) {
                    AuditRow row = AuditRows.of(event, Instant.now());
                    byte[] hash = AuditHashing.hash(previous, row);
                    consumer.accept(row.chained(0, ++seq, previous, hash));
                    previous = hash;
                }
            }
        }
    }

    /** The file rows (their final state, one per file) of the uploads among the stream's first events. */
    private static List<FileRow> fileRows(int events) {
        EventContract contract = new EventContract();
        Map<String, FileRow> rows = new LinkedHashMap<>();
        BenchStream stream = new BenchStream(1, 50);
        for (int done = 0; done < events; done += CHUNK) {
            for (RawRecord record : stream.next(Math.min(CHUNK, events - done))) {
                for (CatalogEvent event : contract.parse(record, BenchStream.formatOf(record))) {
                    if (event.command() instanceof Upload upload
                            && event.audit().succeeded()) {
                        rows.put(upload.fileId(), fileRow(event, upload));
                    }
                }
            }
        }
        // One row per file: an upsert of one file twice in one statement is not an upsert PostgreSQL allows.
        return new ArrayList<>(rows.values());
    }

    private static FileRow fileRow(CatalogEvent event, Upload upload) {
        return new FileRow(
                UUID.randomUUID(),
                upload.fileId(),
                upload.filename(),
                upload.originalName(),
                upload.mimeType(),
                upload.size(),
                upload.checksum(),
                upload.checksumAlgorithm(),
                upload.encoding(),
                upload.provider(),
                upload.providerPath(),
                upload.providerMetadataJson(),
                upload.classification().dbValue(),
                upload.encrypted(),
                upload.encryptionKeyId(),
                upload.tags(),
                upload.customMetadataJson(),
                upload.organizationId(),
                upload.projectId(),
                event.audit().userId(),
                event.audit().userId(),
                event.time(),
                event.time(),
                null,
                0,
                "active",
                null);
    }

    /** A table of the report: a title, the unit hint used for formatting, name to value. */
    private record Section(String title, String kind, Map<String, Double> values) {}

    private static void report(
            Path out, int events, String server, Boolean durable, List<String> appendix, List<Section> sections)
            throws Exception {
        StringBuilder markdown = new StringBuilder("PostgreSQL: " + server + "\n");
        StringBuilder json = new StringBuilder("{\n  \"events\": " + events + ",\n  \"server\": \"" + server
                + "\",\n  \"durable\": " + durable + ",\n  \"at\": \"" + Instant.now() + "\"");
        for (Section section : sections) {
            markdown.append("\n| ").append(section.title()).append(" | value |\n|---|---|\n");
            section.values()
                    .forEach((k, v) -> markdown.append("| ")
                            .append(k)
                            .append(" | ")
                            .append(String.format(
                                    section.title().equals("ratios")
                                                    || !section.kind().isEmpty()
                                            ? "%,.2f"
                                            : "%,.0f",
                                    v))
                            .append(" |\n"));
            json.append(",\n  \"").append(section.title()).append("\": {");
            appendJson(json, section.values());
            json.append("}");
        }
        json.append("\n}\n");
        appendix.forEach(markdown::append);
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
            json.append(separator)
                    .append("    \"")
                    .append(entry.getKey())
                    .append("\": ")
                    .append(String.format(java.util.Locale.ROOT, "%.3f", entry.getValue()));
            separator = ",\n";
        }
        json.append("\n  ");
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
