package io.storagecatalog.jobs.orphans;

import io.storagecatalog.common.audit.MaintenanceTrail;
import io.storagecatalog.common.catalog.FileMaintenanceRepository;
import io.storagecatalog.common.kafka.CatalogEventPublisher;
import io.storagecatalog.common.s3.ObjectStore;
import io.storagecatalog.jobs.JobsProperties;
import io.storagecatalog.jobs.run.JobFaults;
import io.storagecatalog.jobs.run.JobMetrics;
import io.storagecatalog.jobs.run.JobSteps;
import org.springframework.batch.core.job.Job;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Orphan reconciliation between the catalog and the object store: purge soft-deleted files past
 * retention (objects, then rows), then the streaming merge of catalog and store listing.
 */
@Configuration(proxyBeanMethods = false)
public class OrphanReconciliationJobConfig {

    public static final String JOB_NAME = "orphan-reconciliation";

    @Bean
    ListingPrefetch reconciliationListings(ObjectStore store) {
        return new ListingPrefetch(store);
    }

    @Bean
    ObjectRemoval purgeRemoval(ObjectStore store, JobsProperties properties) {
        return new ObjectRemoval(store, properties.orphanReconciliation().removalRequests());
    }

    @Bean
    Job orphanReconciliationJob(
            JobSteps steps,
            FileMaintenanceRepository files,
            OrphanObjectRepository orphans,
            ObjectStore store,
            ListingPrefetch listings,
            ObjectRemoval removal,
            CatalogEventPublisher publisher,
            JobsProperties properties,
            JobFaults faults,
            JobMetrics metrics,
            MaintenanceTrail trail) {
        JobsProperties.Orphans settings = properties.orphanReconciliation();
        return steps.job(
                JOB_NAME,
                steps.step("purge-deleted-files", new PurgeDeletedFiles(files, removal, store, trail, settings)),
                steps.step(
                        "reconcile-objects",
                        new ReconcileObjects(
                                files, orphans, store, listings, publisher, settings, faults, metrics, trail)));
    }
}
