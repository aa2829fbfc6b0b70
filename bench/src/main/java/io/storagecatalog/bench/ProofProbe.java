package io.storagecatalog.bench;

import io.storagecatalog.common.audit.AuditChainRepository;
import io.storagecatalog.common.audit.AuditCopyFormat;
import io.storagecatalog.common.audit.AuditProofs;
import io.storagecatalog.common.audit.AuditSigner;
import io.storagecatalog.common.audit.CheckpointSealer;
import io.storagecatalog.common.audit.CheckpointStore;
import io.storagecatalog.common.audit.OperationRepository;
import io.storagecatalog.common.audit.ProofDocument;
import io.storagecatalog.common.audit.SignedCheckpoint;
import io.storagecatalog.common.audit.SignedCheckpointRepository;
import io.storagecatalog.common.s3.ObjectStore;
import io.storagecatalog.common.s3.ObjectStoreProperties;
import io.storagecatalog.testkit.TestPostgres;
import io.storagecatalog.testkit.TestS3;
import io.storagecatalog.testkit.TestSigningKey;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.security.PublicKey;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Inclusion proofs over a long trail: M audit rows of the benchmark's stream, chained as the audit
 * worker chains them, sealed by one signed checkpoint, the worst case (at the benchmark's audit rate, the
 * default five-minute cadence seals about 6.6 million rows per checkpoint); then proofs of rows drawn
 * at random over the whole trail, each built by the API's {@link AuditProofs} and written as the
 * document the API returns, and each checked with the public key alone.
 */
final class ProofProbe {

    static final double TARGET_P99_MS = 20;
    private static final int WARM_UP_CALLS = 200;
    private static final int CHUNK = 20_000;

    /** What the probe measured. */
    record Result(
            long operations,
            double loadSeconds,
            double sealSeconds,
            double firstProveMs,
            Latency prove,
            Latency verify,
            int pathLength) {}

    private final TestPostgres postgres;
    private final TestS3 s3;
    private final long operations;
    private final int calls;

    ProofProbe(TestPostgres postgres, TestS3 s3, long operations, int calls) {
        this.postgres = postgres;
        this.s3 = s3;
        this.operations = operations;
        this.calls = calls;
    }

    /** How many rows the trail got (a record may hold more than one event), and in how long. */
    private record Loaded(long rows, double seconds) {}

    /**
     * Appends the benchmark's stream as the audit worker would (each row hashed onto the one before,
     * COPY in chunks) and moves the chain's head to the last row: rows whose content matches their hash,
     * which a proof's reader checks.
     */
    private Loaded load(ProbeDatabase db) throws SQLException {
        long start = System.nanoTime();
        Benchmark.Chain chain = new Benchmark.Chain();
        BenchStream stream = new BenchStream(1, 50);
        CopyManager copy =
                db.dataSource().getConnection().unwrap(PGConnection.class).getCopyAPI();
        while (chain.seq() < operations) {
            StringBuilder rows = new StringBuilder();
            chain.rows(
                    stream.next((int) Math.min(CHUNK, operations - chain.seq())),
                    row -> AuditCopyFormat.append(rows, row));
            try {
                copy.copyIn(AuditCopyFormat.COPY, new StringReader(rows.toString()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (chain.seq() % 1_000_000 < CHUNK) {
                System.out.printf("  storage_operations: %,d rows%n", chain.seq());
            }
        }
        db.jdbc()
                .update(
                        "UPDATE storage_audit_chain_head SET seq = ?, row_hash = ?, updated_at = now() WHERE chain = 0",
                        chain.seq(),
                        chain.head());
        db.jdbc().execute("VACUUM ANALYZE storage_operations");
        return new Loaded(chain.seq(), (System.nanoTime() - start) / 1e9);
    }

    Result run() throws SQLException {
        ProbeDatabase db = ProbeDatabase.create(postgres);
        try {
            System.out.printf("proof probe: loading %,d audit rows%n", operations);
            Loaded loaded = load(db);
            OperationRepository rows = new OperationRepository(db.jdbc());
            SignedCheckpointRepository checkpoints = new SignedCheckpointRepository(db.jdbc());
            AuditSigner signer = AuditSigner.fromFile(TestSigningKey.file());
            ObjectStore store = new ObjectStore(
                    new ObjectStoreProperties(s3.endpoint(), s3.accessKey(), s3.secretKey(), "us-east-1"));
            CheckpointSealer sealer = new CheckpointSealer(
                    checkpoints,
                    new AuditChainRepository(db.jdbc()),
                    rows,
                    new CheckpointStore(
                            store,
                            "proof-probe-"
                                    + java.util.UUID.randomUUID().toString().substring(0, 8),
                            null),
                    signer,
                    new TransactionTemplate(new DataSourceTransactionManager(db.dataSource())),
                    Duration.ofMinutes(5),
                    Clock.systemUTC());
            long start = System.nanoTime();
            SignedCheckpoint sealed = sealer.seal();
            double sealSeconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(
                    "proof probe: checkpoint %d seals rows 1..%,d in %.1f s%n",
                    sealed.index(), sealed.statement().chain(0).orElseThrow().size(), sealSeconds);

            AuditProofs proofs = new AuditProofs(checkpoints, rows);
            List<PublicKey> keys = List.of(signer.publicKey());
            SplittableRandom random = new SplittableRandom(26);
            List<Long> proveNanos = new ArrayList<>();
            List<Long> verifyNanos = new ArrayList<>();
            int pathLength = 0;
            double firstProveMs = 0;
            for (int call = 0; call < WARM_UP_CALLS + calls; call++) {
                long seq = 1 + random.nextLong(loaded.rows());
                long before = System.nanoTime();
                AuditProofs.Inclusion proof = proofs.inclusion(0, seq);
                String document = ProofDocument.json(proof).toString();
                long proved = System.nanoTime();
                ProofDocument.Check check = ProofDocument.verify(document, keys);
                long verified = System.nanoTime();
                if (!check.valid()) {
                    throw new IllegalStateException("the proof of row " + seq + " does not verify: " + check.detail());
                }
                if (call == 0) {
                    // The first proof against the checkpoint builds the tree of its block roots, kept after.
                    firstProveMs = (proved - before) / 1e6;
                }
                if (call >= WARM_UP_CALLS) {
                    proveNanos.add(proved - before);
                    verifyNanos.add(verified - proved);
                    pathLength = Math.max(pathLength, proof.path().size());
                }
            }
            Result result = new Result(
                    loaded.rows(),
                    loaded.seconds(),
                    sealSeconds,
                    firstProveMs,
                    Latency.of(proveNanos),
                    Latency.of(verifyNanos),
                    pathLength);
            System.out.printf(
                    "proof probe: first proof %.1f ms; then prove %s; verify %s%n",
                    firstProveMs, result.prove(), result.verify());
            return result;
        } finally {
            db.close();
        }
    }
}
