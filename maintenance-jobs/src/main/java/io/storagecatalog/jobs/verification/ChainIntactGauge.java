package io.storagecatalog.jobs.verification;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.storagecatalog.common.audit.VerificationRepository;
import io.storagecatalog.common.audit.VerificationRepository.Latest;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The audit chain's state as the latest verification found it (the scheduled job on any instance, or
 * {@code audit-worker --verify}), read from {@code storage_audit_verifications}: a restart neither
 * forgets a violation nor reports one it did not see.
 */
@Component
class ChainIntactGauge {

    /** 1 when the latest verification found the chain intact, 0 when it found a violation; NaN before any. */
    static final String CHAIN_INTACT = "storage_catalog_audit_chain_intact";
    /** When the chain was last verified, in seconds since the epoch; NaN before any verification. */
    static final String LAST_VERIFICATION = "storage_catalog_audit_last_verification_timestamp_seconds";

    private final VerificationRepository log;
    private final AtomicReference<Optional<Latest>> latest = new AtomicReference<>(Optional.empty());

    ChainIntactGauge(VerificationRepository log, MeterRegistry registry) {
        this.log = log;
        Gauge.builder(
                        CHAIN_INTACT,
                        latest,
                        value -> value.get().map(l -> l.intact() ? 1.0 : 0.0).orElse(Double.NaN))
                .description("1 when the latest verification found the audit chain intact, 0 after a violation")
                .register(registry);
        Gauge.builder(
                        LAST_VERIFICATION,
                        latest,
                        value -> value.get()
                                .map(l -> (double) l.verifiedAt().getEpochSecond())
                                .orElse(Double.NaN))
                .description("When the audit chain was last verified")
                .register(registry);
    }

    @EventListener(ApplicationReadyEvent.class)
    @Scheduled(
            fixedDelayString = "${storage-catalog.jobs.status-refresh:30s}",
            initialDelayString = "${storage-catalog.jobs.status-refresh:30s}")
    void refresh() {
        latest.set(log.latest());
    }
}
