package io.storagecatalog.ingest.apply;

import io.storagecatalog.common.audit.MaintenanceTrail;
import io.storagecatalog.common.catalog.FileRepository;
import io.storagecatalog.common.catalog.ProcessedEventRepository;
import io.storagecatalog.common.catalog.QuotaRepository;
import io.storagecatalog.common.catalog.QuotaRepository.QuotaUsage;
import io.storagecatalog.common.catalog.ShareRepository;
import io.storagecatalog.common.catalog.VersionRepository;
import io.storagecatalog.common.event.CatalogCommand;
import io.storagecatalog.common.event.CatalogCommand.Copy;
import io.storagecatalog.common.event.CatalogCommand.Move;
import io.storagecatalog.common.event.CatalogCommand.Upload;
import io.storagecatalog.common.event.CatalogEvent;
import io.storagecatalog.common.event.InvalidEventException;
import io.storagecatalog.common.event.RejectionReason;
import io.storagecatalog.common.jdbc.DatabaseRejection;
import io.storagecatalog.ingest.IngestProperties;
import io.storagecatalog.ingest.quota.QuotaExceededPublisher;
import io.storagecatalog.ingest.quota.QuotaNotice;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies batches of events to the catalog: one transaction per batch, begun and committed here.
 * Each event takes effect once per identity (the processed-event record commits with the effect),
 * events of one file apply in their order, and an event whose file is not known yet holds back the
 * rest of its partition while other partitions' events are applied.
 */
@Service
public class IngestService {

    private static final Logger log = LoggerFactory.getLogger(IngestService.class);

    private final TransactionTemplate transactions;
    private final FileRepository files;
    private final VersionRepository versions;
    private final ShareRepository shares;
    private final QuotaRepository quotas;
    private final ProcessedEventRepository processed;
    private final ObjectSequenceRepository sequences;
    private final String consumer;
    private final ProviderFacts facts = new ProviderFacts();
    private final QuotaExceededPublisher quotaExceeded;
    private final MaintenanceTrail trail;

    public IngestService(
            TransactionTemplate transactions,
            FileRepository files,
            VersionRepository versions,
            ShareRepository shares,
            QuotaRepository quotas,
            ProcessedEventRepository processed,
            ObjectSequenceRepository sequences,
            QuotaExceededPublisher quotaExceeded,
            MaintenanceTrail trail,
            IngestProperties properties) {
        this.trail = trail;
        this.quotaExceeded = quotaExceeded;
        this.transactions = transactions;
        this.files = files;
        this.versions = versions;
        this.shares = shares;
        this.quotas = quotas;
        this.processed = processed;
        this.sequences = sequences;
        // The name is part of every processed-event key, which an index must hold (docs/events.md, limits).
        if (properties.consumerName().isBlank()
                || properties.consumerName().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 128) {
            throw new IllegalArgumentException("storage-catalog.ingest.consumer-name: must be 1 to 128 bytes");
        }
        this.consumer = properties.consumerName();
    }

    /**
     * Applies the events in one transaction. When the database rejects the batch's content (a
     * constraint no validation caught), the events are applied one by one so that only the offending
     * ones are rejected. Infrastructure failures propagate: the caller retries the whole batch.
     *
     * @param waitedLongEnough whether an event whose file is unknown has waited as long as it may; such
     *                         an event is rejected instead of held back
     */
    public ApplyResult apply(List<CatalogEvent> events, Predicate<CatalogEvent> waitedLongEnough) {
        try {
            return transactions.execute(status -> applyInTransaction(events, 0, waitedLongEnough));
        } catch (DataAccessException e) {
            InvalidEventException rejection = DatabaseRejection.of(e).orElseThrow(() -> e);
            log.warn(
                    "batch rejected by the database, applying its events one by one: size={} reason=\"{}\"",
                    events.size(),
                    rejection.getMessage());
            return applyOneByOne(events, waitedLongEnough);
        }
    }

    private ApplyResult applyOneByOne(List<CatalogEvent> events, Predicate<CatalogEvent> waitedLongEnough) {
        List<EventOutcome> outcomes = new ArrayList<>();
        Map<Integer, InvalidEventException> rejected = new HashMap<>();
        Map<Integer, FileNotYetKnownException> waiting = new HashMap<>();
        List<QuotaNotice> notices = new ArrayList<>();
        Set<String> blocked = new HashSet<>();
        for (int i = 0; i < events.size(); i++) {
            int index = i;
            if (blocked.contains(PartitionSchedule.partitionOf(events.get(i)))) {
                outcomes.add(EventOutcome.DEFERRED);
                continue;
            }
            try {
                ApplyResult single = transactions.execute(
                        status -> applyInTransaction(List.of(events.get(index)), index, waitedLongEnough));
                outcomes.addAll(single.outcomes());
                rejected.putAll(single.rejected());
                notices.addAll(single.quotaNotices());
                waiting.putAll(single.waiting());
                if (!single.waiting().isEmpty()) {
                    blocked.add(PartitionSchedule.partitionOf(events.get(i)));
                }
            } catch (DataAccessException e) {
                outcomes.add(EventOutcome.REJECTED);
                rejected.put(index, DatabaseRejection.of(e).orElseThrow(() -> e));
            }
        }
        return new ApplyResult(outcomes, rejected, waiting, notices);
    }

    private ApplyResult applyInTransaction(
            List<CatalogEvent> events, int indexOffset, Predicate<CatalogEvent> waitedLongEnough) {
        // Claimed first: an event of the batch another writer has applied reads as a duplicate.
        Set<String> claimed = processed.claim(consumer, keys(events));
        Set<String> objects = s3FileIdsOf(events);
        CatalogBatch batch = new CatalogBatch(
                files.lockWithVersions(fileIdsOf(events), objects),
                sequences.lock(objects),
                facts,
                shares.findAll(shareIdsOf(events)),
                shares::held);
        PartitionSchedule.Result schedule = PartitionSchedule.run(events, claimed, waitedLongEnough, batch::apply);
        Set<String> applied = schedule.applied();
        Map<Integer, InvalidEventException> rejected = new HashMap<>();
        List<MaintenanceTrail.Denial> denials = new ArrayList<>();
        schedule.rejected().forEach((i, e) -> {
            rejected.put(indexOffset + i, e);
            if (e.reason() == RejectionReason.FORBIDDEN) {
                denials.add(denial(events.get(i), e));
            }
        });
        Map<Integer, FileNotYetKnownException> waiting = new HashMap<>();
        schedule.waiting().forEach((i, e) -> waiting.put(indexOffset + i, e));

        // Rejected and held-back events are not processed: a redelivery applies (or rejects) them again.
        Set<String> notApplied = new HashSet<>(claimed);
        notApplied.removeAll(applied);
        processed.release(consumer, notApplied);
        BatchWrites writes = batch.writes();
        files.removeAbsorbed(writes.absorbed());
        files.rename(writes.renames());
        files.upsert(writes.files());
        versions.clearCurrent(writes.filesWithNewVersions());
        versions.insert(writes.versions());
        versions.correctSizes(writes.sizeCorrections());
        shares.revoke(writes.revocations());
        shares.deactivateOthersForRecipients(
                writes.shares().stream().filter(s -> s.active()).toList());
        shares.upsert(writes.shares());
        shares.touch(writes.shareAccesses());
        quotas.setLimits(writes.quotaLimits());
        List<QuotaNotice> notices = quotaNotices(quotas.addUsage(writes.usage()), writes);
        sequences.upsert(writes.sequences());
        // The notices commit with the usage that caused them; the outbox relay sends them.
        quotaExceeded.publish(notices);
        // A refused event is on the trail as denied, with the batch that refused it.
        trail.appendDenials(denials);
        return new ApplyResult(schedule.outcomes(), rejected, waiting, notices);
    }

    private static List<QuotaNotice> quotaNotices(List<QuotaUsage> usages, BatchWrites writes) {
        Map<String, Long> charged = new HashMap<>();
        writes.usage().forEach(d -> charged.put(CatalogBatch.entityKey(d.entityType(), d.entityId()), d.bytes()));
        List<QuotaNotice> notices = new ArrayList<>();
        for (QuotaUsage usage : usages) {
            String key = CatalogBatch.entityKey(usage.entityType(), usage.entityId());
            if (!usage.active()
                    || charged.getOrDefault(key, 0L) <= 0
                            && !writes.largestUpload().containsKey(key)) {
                continue;
            }
            if (usage.maxBytes() != null && usage.usedBytes() > usage.maxBytes()) {
                notices.add(new QuotaNotice(
                        usage.entityType(), usage.entityId(), "maxStorageBytes", usage.usedBytes(), usage.maxBytes()));
            }
            if (usage.maxFiles() != null && usage.usedFiles() > usage.maxFiles()) {
                notices.add(new QuotaNotice(
                        usage.entityType(), usage.entityId(), "maxFiles", usage.usedFiles(), usage.maxFiles()));
            }
            Long largest = writes.largestUpload().get(key);
            if (usage.maxFileSizeBytes() != null && largest != null && largest > usage.maxFileSizeBytes()) {
                notices.add(new QuotaNotice(
                        usage.entityType(), usage.entityId(), "maxFileSizeBytes", largest, usage.maxFileSizeBytes()));
            }
        }
        return notices;
    }

    private static List<String> keys(List<CatalogEvent> events) {
        return events.stream().map(e -> e.id().key()).distinct().toList();
    }

    private static Set<String> fileIdsOf(List<CatalogEvent> events) {
        Set<String> ids = new LinkedHashSet<>();
        for (CatalogEvent event : events) {
            if (event.fileId() != null) {
                ids.add(event.fileId());
            }
            // A file known only from the store is named by its object: the one an upload, copy or move names.
            if (event.command() instanceof Copy copy) {
                ids.add(copy.sourceFileId());
                addIfPresent(ids, copy.providerPath());
            } else if (event.command() instanceof Upload upload && event.s3Order() == null) {
                addIfPresent(ids, upload.providerPath());
            } else if (event.command() instanceof Move move) {
                addIfPresent(ids, move.providerPath());
            }
        }
        return ids;
    }

    private static MaintenanceTrail.Denial denial(CatalogEvent event, InvalidEventException refusal) {
        String fileId = event.command() instanceof CatalogCommand.FileCommand command ? command.fileId() : null;
        return new MaintenanceTrail.Denial(
                event.operation().dbValue(),
                fileId,
                event.audit().userId(),
                refusal.field() + ": " + refusal.problem(),
                event.id().source(),
                event.id().id(),
                event.time());
    }

    private static Set<UUID> shareIdsOf(List<CatalogEvent> events) {
        Set<UUID> ids = new HashSet<>();
        for (CatalogEvent event : events) {
            if (event.command() instanceof CatalogCommand.Share share) {
                ids.add(share.shareId());
            } else if (event.command() instanceof CatalogCommand.RevokeShare revoke) {
                ids.add(revoke.shareId());
            }
        }
        return ids;
    }

    private static void addIfPresent(Set<String> ids, String id) {
        if (id != null) {
            ids.add(id);
        }
    }

    private static Set<String> s3FileIdsOf(List<CatalogEvent> events) {
        Set<String> ids = new LinkedHashSet<>();
        for (CatalogEvent event : events) {
            if (event.s3Order() != null) {
                ids.add(event.fileId());
            }
        }
        return ids.isEmpty() ? Collections.emptySet() : ids;
    }
}
