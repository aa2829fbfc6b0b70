package io.storagecatalog.ingest.apply;

import io.storagecatalog.common.catalog.FileRepository.FileWrite;
import io.storagecatalog.common.catalog.QuotaRepository.QuotaLimits;
import io.storagecatalog.common.catalog.QuotaRepository.UsageDelta;
import io.storagecatalog.common.catalog.ShareRepository.Access;
import io.storagecatalog.common.catalog.ShareRepository.Revocation;
import io.storagecatalog.common.catalog.ShareRow;
import io.storagecatalog.common.catalog.VersionRepository.SizeCorrection;
import io.storagecatalog.common.catalog.VersionRow;
import io.storagecatalog.ingest.apply.ObjectSequenceRepository.ObjectSequence;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Everything a batch changes, computed in memory, to be written with one batched statement per
 * kind of change.
 *
 * @param absorbed      rows of duplicates the file owning their object absorbed
 * @param renames       new fileIds of files known from the store that a service identified, by row id
 * @param largestUpload per quota entity, the largest single upload of the batch (for the per-file limit)
 */
record BatchWrites(
        List<UUID> absorbed,
        Map<UUID, String> renames,
        List<FileWrite> files,
        Set<String> filesWithNewVersions,
        List<VersionRow> versions,
        List<SizeCorrection> sizeCorrections,
        List<Revocation> revocations,
        List<ShareRow> shares,
        List<Access> shareAccesses,
        List<QuotaLimits> quotaLimits,
        List<UsageDelta> usage,
        Map<String, Long> largestUpload,
        List<ObjectSequence> sequences) {}
