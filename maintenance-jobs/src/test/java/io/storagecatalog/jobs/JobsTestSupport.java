package io.storagecatalog.jobs;

import io.storagecatalog.common.audit.AuditChainRepository;
import io.storagecatalog.common.audit.AuditHashing;
import io.storagecatalog.common.audit.AuditRow;
import io.storagecatalog.common.audit.ChainAppend;
import io.storagecatalog.common.audit.OperationRepository;
import io.storagecatalog.jobs.run.JobRunner;
import io.storagecatalog.testkit.TestInfrastructure;
import io.storagecatalog.testkit.TopicReader;
import io.storagecatalog.testkit.WithTestInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.transaction.support.TransactionTemplate;

/** The maintenance application on the test servers, schedules off: tests launch the jobs. */
@SpringBootTest(
        properties = {
            "storage-catalog.jobs.scheduling=false",
            "storage-catalog.jobs.audit-rotation.archive-bucket=jobs-${storage-catalog.test.suffix}"
        })
@WithTestInfrastructure
@DirtiesContext
public abstract class JobsTestSupport {

    static final Duration WAIT = Duration.ofSeconds(60);

    @Autowired
    protected JdbcTemplate jdbc;

    @Autowired
    protected JobRunner runner;

    @Autowired
    protected TransactionTemplate transactions;

    @Autowired
    protected OperationRepository operations;

    @Autowired
    protected AuditChainRepository chain;

    @Autowired
    List<Job> jobList;

    @Value("${storage-catalog.topics.catalog-events}")
    protected String catalogEvents;

    protected JobExecution run(String job, String slot) {
        Map<String, Job> jobs = jobList.stream().collect(Collectors.toMap(Job::getName, j -> j));
        return runner.run(jobs.get(job), slot);
    }

    protected JobExecution run(String job) {
        return run(job, "test-" + UUID.randomUUID());
    }

    /** The catalog events published so far that contain all the given texts. */
    protected List<String> catalogEventsContaining(int atLeast, String... texts) {
        // The relay sends each job's events after its commit, other jobs' events among them: read until
        // enough of the matching ones arrived (or the wait ran out), not merely enough records.
        return TopicReader.containing(
                TestInfrastructure.kafka().bootstrapServers(), catalogEvents, atLeast, WAIT, texts);
    }

    /** Inserts a file row; returns its uuid. */
    protected UUID insertFile(String fileId, String path, long size, String status, Instant deletedAt, UUID owner) {
        UUID id = UUID.randomUUID();
        jdbc.update(
                """
                INSERT INTO storage_files (id, file_id, filename, original_name, mime_type, size, checksum, provider,
                    provider_path, created_by, created_at, updated_at, status, deleted_at)
                VALUES (?, ?, 'f.pdf', 'f.pdf', 'application/pdf', ?, 'c', 'minio', ?, ?, now(), now(), ?, ?)
                """,
                id,
                fileId,
                size,
                path,
                owner,
                status,
                deletedAt == null ? null : java.sql.Timestamp.from(deletedAt));
        jdbc.update("""
                INSERT INTO storage_file_versions (file_id, version_number, filename, size, checksum, mime_type,
                    provider_path, created_by, created_at, is_current)
                VALUES (?, 1, 'f.pdf', ?, 'c', 'application/pdf', ?, ?, now(), true)
                """, id, size, path, owner);
        return id;
    }

    /** Appends chained audit rows as the audit worker does (head locked, hashes computed here). */
    @Autowired
    io.storagecatalog.common.audit.CheckpointStore checkpointStore;

    @Autowired
    io.storagecatalog.common.audit.AuditSigner signer;

    @Value("${storage-catalog.test.database}")
    String database;

    /**
     * Seals the trail's next interval in a signed checkpoint, as the audit worker does (with the owner's
     * rights: the maintenance role may not seal).
     */
    protected io.storagecatalog.common.audit.SignedCheckpoint seal() {
        var postgres = TestInfrastructure.postgres();
        var source = new org.springframework.jdbc.datasource.DriverManagerDataSource(
                postgres.jdbcUrl(database), postgres.username(), postgres.password());
        JdbcTemplate owner = new JdbcTemplate(source);
        return new io.storagecatalog.common.audit.CheckpointSealer(
                        new io.storagecatalog.common.audit.SignedCheckpointRepository(owner),
                        new AuditChainRepository(owner),
                        new OperationRepository(owner),
                        checkpointStore,
                        signer,
                        new TransactionTemplate(
                                new org.springframework.jdbc.datasource.DataSourceTransactionManager(source)),
                        Duration.ofHours(1),
                        java.time.Clock.systemUTC())
                .seal();
    }

    protected void appendAudit(List<AuditRow> rows) {
        appendAudit(0, rows);
    }

    protected void appendAudit(int chainNumber, List<AuditRow> rows) {
        transactions.executeWithoutResult(status -> {
            try (ChainAppend append = ChainAppend.open(chain, operations, List.of(chainNumber))) {
                rows.forEach(row -> append.add(chainNumber, row));
                append.finish();
            }
        });
    }

    protected static AuditRow auditRow(
            String fileId,
            String operation,
            String status,
            long bytes,
            UUID user,
            Instant createdAt,
            Instant recordedAt) {
        return new AuditRow(
                UUID.randomUUID(),
                0,
                0,
                fileId,
                operation,
                status,
                "minio",
                bytes,
                5,
                "10.0.0.1",
                "test",
                user,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                AuditHashing.truncate(createdAt),
                "/test",
                UUID.randomUUID().toString(),
                "storage.file." + operation,
                AuditHashing.truncate(recordedAt),
                null,
                null);
    }

    /** Every statistics row but its computation time, in a fixed order. */
    protected List<Map<String, Object>> statistics() {
        return jdbc.queryForList("""
                SELECT day, scope_type, scope_id, mime_category, data_classification, files, bytes, uploads, downloads,
                       deletes, bytes_transferred, failures, final
                FROM storage_daily_statistics ORDER BY 1, 2, 3, 4, 5""");
    }
}
