package io.storagecatalog.faults;

import io.storagecatalog.common.audit.MaintenanceTrail;
import io.storagecatalog.testkit.WorkerProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.awaitility.Awaitility;

/**
 * One scenario from start to verdict: a pipeline of its own, the stream published while the
 * scenario's faults are injected, the wait until both workers committed everything, the checks.
 */
final class ScenarioRun implements AutoCloseable {

    private final Pipeline pipeline;
    private final FaultStream stream;
    private final StreamPublisher publisher;
    private final Random random;
    private final List<String> notes = new ArrayList<>();
    final List<WorkerProcess> ingest = new ArrayList<>();
    final List<WorkerProcess> audit = new ArrayList<>();

    ScenarioRun(SuiteServers servers, String name, SuiteSettings settings, long seed) {
        this(servers, name, settings, seed, true);
    }

    /** @param relaying whether the workers relay the catalog's events while the stream runs */
    ScenarioRun(SuiteServers servers, String name, SuiteSettings settings, long seed, boolean relaying) {
        this.pipeline = new Pipeline(servers, name);
        pipeline.relaying(relaying);
        this.stream = new FaultStream(seed, settings.events());
        this.random = new Random(seed);
        List<WorkerProcess> workers =
                pipeline.startTogether(pipeline.ingest(pipeline.ingestGroup()), pipeline.audit(pipeline.auditGroup()));
        ingest.add(workers.get(0));
        audit.add(workers.get(1));
        this.publisher = new StreamPublisher(
                servers.kafka().bootstrapServers(), pipeline.topic(), stream.records(), settings.eventsPerSecond());
    }

    Pipeline pipeline() {
        return pipeline;
    }

    Random random() {
        return random;
    }

    FaultStream stream() {
        return stream;
    }

    /** A line for the report (how long a resume took, what was injected). */
    void note(String note) {
        notes.add(note);
    }

    List<String> notes() {
        return notes;
    }

    /** Events the ingest worker has committed (its processed-event ids). */
    long ingested() {
        return count("SELECT count(*) FROM storage_processed_events");
    }

    /** Audit rows of the stream's events committed (maintenance actions left out). */
    long audited() {
        return count("SELECT count(*) FROM storage_operations WHERE event_source <> '" + MaintenanceTrail.SOURCE + "'");
    }

    private long count(String sql) {
        try {
            return pipeline.jdbc().queryForObject(sql, Long.class);
        } catch (RuntimeException databaseDown) {
            return -1;
        }
    }

    /** Waits until the ingest worker has committed a fraction of the stream's valid events. */
    void awaitIngested(double fraction) {
        long target = (long) (stream.validEvents().size() * fraction);
        Awaitility.await("ingest past " + target + " events")
                .atMost(Duration.ofMinutes(10))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> ingested() >= target);
    }

    void awaitAudited(double fraction) {
        long target = (long) (stream.validEvents().size() * fraction);
        Awaitility.await("audit past " + target + " events")
                .atMost(Duration.ofMinutes(10))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> audited() >= target);
    }

    /** Waits until the stream is published and both workers' groups committed every record. */
    void awaitCompletion() {
        Awaitility.await("stream published and consumed")
                .atMost(Duration.ofMinutes(30))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> publisher.done()
                        && pipeline.lag(pipeline.ingestGroup()) == 0
                        && pipeline.lag(pipeline.auditGroup()) == 0);
    }

    Outcome check(String scenario) {
        return check(scenario, 1);
    }

    /** The checks, for a stream read by {@code ingestGroups} ingest consumer groups (a replay adds one). */
    Outcome check(String scenario, int ingestGroups) {
        return new CatalogCheck(pipeline, stream, ingestGroups).check(scenario);
    }

    @Override
    public void close() {
        publisher.close();
        pipeline.close();
    }
}
