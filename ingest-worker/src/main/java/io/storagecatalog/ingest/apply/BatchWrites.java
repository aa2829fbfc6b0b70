package io.storagecatalog.ingest.apply;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.storagecatalog.common.catalog.FileRow;
import io.storagecatalog.common.catalog.ObjectSequenceRepository.ObjectSequence;
import io.storagecatalog.common.catalog.QuotaRepository.QuotaLimits;
import io.storagecatalog.common.catalog.QuotaRepository.UsageDelta;
import io.storagecatalog.common.catalog.ShareRepository.Access;
import io.storagecatalog.common.catalog.ShareRepository.Revocation;
import io.storagecatalog.common.catalog.ShareRow;
import io.storagecatalog.common.catalog.VersionRow;

/**
 * Everything a batch changes, computed in memory, to be written with one batched statement per
 * kind of change.
 *
 * @param largestUpload per quota entity, the largest single upload of the batch (for the per-file limit)
 */
record BatchWrites(List<FileRow> files, Set<String> filesWithNewVersions, List<VersionRow> versions,
        List<Revocation> revocations, List<ShareRow> shares, List<Access> shareAccesses, List<QuotaLimits> quotaLimits,
        List<UsageDelta> usage, Map<String, Long> largestUpload, List<ObjectSequence> sequences) {
}
