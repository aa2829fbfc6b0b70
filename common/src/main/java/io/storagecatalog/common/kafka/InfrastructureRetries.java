package io.storagecatalog.common.kafka;

import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The workers' error handler. Content errors never reach it (the listeners handle them), so whatever
 * does is an infrastructure error (database or broker down, deadlock, timeout): the batch is retried
 * with exponential backoff (0.5 s doubling up to a maximum), without end, and never dead-lettered. The
 * consumer keeps polling, paused, so it stays in its group and resumes by itself.
 */
public final class InfrastructureRetries {

    private InfrastructureRetries() {}

    public static DefaultErrorHandler errorHandler(Duration maxBackoff, Runnable onRetry) {
        ExponentialBackOff backOff = new ExponentialBackOff(500, 2.0);
        backOff.setMaxInterval(maxBackoff.toMillis());
        DefaultErrorHandler handler = new DefaultErrorHandler(
                (record, exception) -> {
                    throw new IllegalStateException("infrastructure retries never end", exception);
                },
                backOff);
        handler.setRetryListeners(new RetryListener() {
            @Override
            public void failedDelivery(ConsumerRecord<?, ?> record, Exception ex, int deliveryAttempt) {
                onRetry.run();
            }

            @Override
            public void failedDelivery(ConsumerRecords<?, ?> records, Exception ex, int deliveryAttempt) {
                onRetry.run();
            }
        });
        return handler;
    }
}
