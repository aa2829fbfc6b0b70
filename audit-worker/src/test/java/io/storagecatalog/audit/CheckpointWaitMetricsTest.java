package io.storagecatalog.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Rows wait for a checkpoint from their append until a checkpoint covers them, and only then. */
@Tag("unit")
class CheckpointWaitMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AuditMetrics metrics = new AuditMetrics(registry);

    @Test
    void rowsWaitUntilACheckpointCoversThem() {
        assertThat(waitingSince()).isZero();
        assertThat(registry.get(AuditMetrics.LAST_CHECKPOINT).gauge().value()).isNaN();

        metrics.chainLength(10);
        double since = waitingSince();
        assertThat(since).isPositive();

        metrics.chainLength(12);
        assertThat(waitingSince()).as("the oldest waiting row counts").isEqualTo(since);

        // A checkpoint of the head before the last append leaves the newer rows waiting.
        metrics.checkpoint(Instant.now(), 10);
        assertThat(waitingSince()).isEqualTo(since);

        metrics.checkpoint(Instant.now(), 12);
        assertThat(waitingSince()).isZero();
        assertThat(registry.get(AuditMetrics.LAST_CHECKPOINT).gauge().value()).isPositive();

        metrics.chainLength(12);
        assertThat(waitingSince()).as("no new rows").isZero();
    }

    @Test
    void publishesTheIntervalItIsJudgedBy() {
        metrics.checkpointInterval(Duration.ofMinutes(5));
        assertThat(registry.get(AuditMetrics.CHECKPOINT_INTERVAL).gauge().value())
                .isEqualTo(300.0);
    }

    private double waitingSince() {
        return registry.get(AuditMetrics.UNCHECKPOINTED_SINCE).gauge().value();
    }
}
