package io.storagecatalog.ingest.quota;

import io.storagecatalog.common.kafka.CatalogEventPublisher;
import io.storagecatalog.ingest.IngestMetrics;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Tells the world that an entity is over a limit: {@code storage.quota.exceeded} and a metric. */
@Component
public class QuotaExceededPublisher {

    public static final String TYPE = "storage.quota.exceeded";
    private static final Logger log = LoggerFactory.getLogger(QuotaExceededPublisher.class);

    private final CatalogEventPublisher publisher;
    private final IngestMetrics metrics;

    public QuotaExceededPublisher(CatalogEventPublisher publisher, IngestMetrics metrics) {
        this.publisher = publisher;
        this.metrics = metrics;
    }

    /** Counts and logs the notices of a committed batch. */
    public void counted(List<QuotaNotice> notices) {
        for (QuotaNotice notice : notices) {
            metrics.quotaExceeded(notice.entityType(), notice.limit());
            log.info(
                    "quota exceeded: entityType={} limit={} excess={}",
                    notice.entityType(),
                    notice.limit(),
                    notice.excess());
        }
    }

    /** Adds the notices to the outbox, in the transaction of the batch that caused them. */
    public void publish(List<QuotaNotice> notices) {
        for (QuotaNotice notice : notices) {
            publisher.publish(
                    TYPE,
                    notice.entityType() + ':' + notice.entityId(),
                    publisher
                            .newData()
                            .put("entityType", notice.entityType())
                            .put("entityId", notice.entityId())
                            .put("limit", notice.limit())
                            .put("used", notice.used())
                            .put("max", notice.max())
                            .put("excess", notice.excess()));
        }
    }
}
