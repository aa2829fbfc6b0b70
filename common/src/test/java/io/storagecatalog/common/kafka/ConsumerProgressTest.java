package io.storagecatalog.common.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class ConsumerProgressTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ConsumerProgress progress = new ConsumerProgress(registry, clock);

    @Test
    void lagIsTheAgeOfTheOldestRecordInHandAndGrowsWhileItIsRetried() {
        progress.received(List.of(
                record(clock.instant().minusSeconds(30)),
                record(clock.instant().minusSeconds(90)),
                record(clock.instant().minusSeconds(10))));
        assertThat(gauge(ConsumerProgress.LAG)).isEqualTo(90.0);
        assertThat(gauge(ConsumerProgress.RETRYING)).isZero();

        progress.failed();
        clock.advance(Duration.ofSeconds(200));
        progress.failed();
        progress.received(List.of(record(clock.instant().minusSeconds(290))));

        assertThat(gauge(ConsumerProgress.RETRYING)).isEqualTo(200.0);
        assertThat(gauge(ConsumerProgress.LAG)).isEqualTo(290.0);

        progress.completed();
        assertThat(gauge(ConsumerProgress.LAG)).isZero();
        assertThat(gauge(ConsumerProgress.RETRYING)).isZero();
    }

    @Test
    void oneConsumerThreadDoneDoesNotHideAnotherStillRetrying() throws Exception {
        Thread stuck = new Thread(() -> {
            progress.received(List.of(record(clock.instant().minusSeconds(60))));
            progress.failed();
        });
        stuck.start();
        stuck.join();
        progress.received(List.of(record(clock.instant().minusSeconds(5))));
        clock.advance(Duration.ofSeconds(30));
        progress.completed();

        assertThat(gauge(ConsumerProgress.LAG)).isEqualTo(90.0);
        assertThat(gauge(ConsumerProgress.RETRYING)).isEqualTo(30.0);
    }

    @Test
    void recordsWithoutATimestampDoNotCount() {
        progress.received(List.of(record(null)));
        assertThat(gauge(ConsumerProgress.LAG)).isZero();
    }

    private double gauge(String name) {
        return registry.get(name).gauge().value();
    }

    private static ConsumerRecord<String, byte[]> record(Instant timestamp) {
        return new ConsumerRecord<>(
                "t",
                0,
                0,
                timestamp == null ? ConsumerRecord.NO_TIMESTAMP : timestamp.toEpochMilli(),
                TimestampType.CREATE_TIME,
                0,
                0,
                "k",
                new byte[0],
                new RecordHeaders(),
                java.util.Optional.empty());
    }

    private static final class MutableClock extends Clock {

        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
