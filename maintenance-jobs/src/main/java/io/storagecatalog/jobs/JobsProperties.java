package io.storagecatalog.jobs;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the maintenance jobs. Each job's cron expression is {@code storage-catalog.jobs.<job>.cron}
 * (Spring's six-field cron; {@code -} disables the schedule) and each can be switched off with
 * {@code storage-catalog.jobs.<job>.enabled=false}.
 *
 * @param scheduling whether jobs run on their schedules (off when a job is run from the command line)
 */
@ConfigurationProperties("storage-catalog.jobs")
public record JobsProperties(
        @DefaultValue("true") boolean scheduling,
        @DefaultValue Orphans orphanReconciliation,
        @DefaultValue AuditRotation auditRotation,
        @DefaultValue Statistics statistics,
        @DefaultValue Simple quotaRecalculation,
        @DefaultValue Simple shareExpiry,
        @DefaultValue Simple auditVerification,
        @DefaultValue ProcessedEvents processedEventsPruning) {

    /**
     * @param enabled whether the job runs
     * @param window  how long the identity of an applied event is kept, for recognising its redelivery:
     *                longer than the input topics' retention, so that nothing still in a topic is forgotten
     */
    public record ProcessedEvents(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("30d") Duration window) {}

    /** A job with nothing to set but whether it runs. */
    public record Simple(@DefaultValue("true") boolean enabled) {}

    /**
     * @param retention          how long soft-deleted files are kept before their objects and rows are purged
     * @param buckets            buckets to reconcile; empty: every bucket the catalog's paths name
     * @param removeOrphans      remove objects no catalog row knows, after {@code orphanGrace} (off by default)
     * @param orphanGrace        how long an orphan object must have been seen before it may be removed
     * @param window             store keys compared per step iteration (one transaction, one restart point)
     * @param removalRequests    delete requests to the store in flight at once while purging (one per bucket)
     */
    public record Orphans(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("30d") Duration retention,
            @DefaultValue List<String> buckets,
            @DefaultValue("false") boolean removeOrphans,
            @DefaultValue("7d") Duration orphanGrace,
            @DefaultValue("1000") int window,
            @DefaultValue("4") int removalRequests) {

        public Orphans {
            if (window < 1) {
                throw new IllegalArgumentException(
                        "storage-catalog.jobs.orphan-reconciliation.window: must be >= 1, was " + window);
            }
            if (removalRequests < 1) {
                throw new IllegalArgumentException(
                        "storage-catalog.jobs.orphan-reconciliation.removal-requests: must be >= 1, was "
                                + removalRequests);
            }
        }
    }

    /**
     * @param retention     audit rows recorded longer ago are archived, then removed
     * @param segmentRows   rows per archived segment
     * @param archiveBucket the bucket of the archive (and of the audit checkpoints' copies)
     */
    public record AuditRotation(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("90d") Duration retention,
            @DefaultValue("10000") int segmentRows,
            @DefaultValue("storage-catalog-audit") String archiveBucket) {}

    /**
     * @param finalizeAfter days older than this are computed one last time and marked final
     * @param daysPerUnit   days read in one query and written in one transaction (a unit of restart): the
     *                      catalog is joined once per unit, so a first run over months takes a few units
     * @param parallelUnits units computed at once, each with two connections of its own (its read, its write)
     * @param sortMemory    PostgreSQL {@code work_mem} for the read of a unit's operations (the catalog's hash,
     *                      the sort), in that read only
     */
    public record Statistics(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("2d") Duration finalizeAfter,
            @DefaultValue("16") int daysPerUnit,
            @DefaultValue("2") int parallelUnits,
            @DefaultValue("256MB") String sortMemory) {}
}
