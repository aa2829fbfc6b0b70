package io.storagecatalog.faults;

import io.storagecatalog.common.event.RawRecord;
import io.storagecatalog.common.testing.RecordPublisher;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Publishes a scenario's stream in the background, in chunks, at a steady rate, so that faults land
 * mid-stream. Survives a broker restart (the producer retries while the broker is away).
 */
final class StreamPublisher implements AutoCloseable {

    private static final int CHUNK = 250;

    private final Thread thread;
    private final AtomicInteger published = new AtomicInteger();
    private volatile RuntimeException failure;

    StreamPublisher(String bootstrapServers, String topic, List<RawRecord> records, int eventsPerSecond) {
        thread = new Thread(
                () -> {
                    try (RecordPublisher publisher = new RecordPublisher(bootstrapServers)) {
                        long start = System.nanoTime();
                        for (int from = 0; from < records.size(); from += CHUNK) {
                            List<RawRecord> chunk = records.subList(from, Math.min(records.size(), from + CHUNK));
                            // The store's notifications go to the scenario's notification topic, the rest to its event
                            // topic.
                            publisher.publish(
                                    topic,
                                    chunk.stream()
                                            .filter(r -> !FaultStream.isNotification(r))
                                            .toList());
                            publisher.publish(
                                    topic + ".s3",
                                    chunk.stream()
                                            .filter(FaultStream::isNotification)
                                            .toList());
                            published.addAndGet(chunk.size());
                            // Hold the rate: wait until the time this many records are due.
                            long due = start + (long) (published.get() * 1e9 / eventsPerSecond);
                            long ahead = due - System.nanoTime();
                            if (ahead > 0) {
                                Thread.sleep(ahead / 1_000_000, (int) (ahead % 1_000_000));
                            }
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } catch (RuntimeException e) {
                        failure = e;
                    }
                },
                "stream-publisher");
        thread.start();
    }

    int published() {
        return published.get();
    }

    /** Whether every record was published; throws what stopped the publisher. */
    boolean done() {
        if (failure != null) {
            throw failure;
        }
        return !thread.isAlive();
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
