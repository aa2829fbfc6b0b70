package io.storagecatalog.common.audit;

import io.storagecatalog.common.audit.AuditArchive.SignedManifest;
import io.storagecatalog.common.audit.AuditChainRepository.ChainHead;
import io.storagecatalog.common.audit.AuditChainRepository.Rotation;
import io.storagecatalog.common.audit.ChainViolation.Kind;
import io.storagecatalog.common.audit.CheckpointStore.StoredCheckpoint;
import io.storagecatalog.common.audit.SignedCheckpoint.ChainSeal;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The auditor's verifier. It trusts only the public keys it is given and what they verify: the signed
 * checkpoints in the object store (each signature, each link to the one before, the log of checkpoints,
 * the cadence, no gap in the sequence), the signed archive manifests (each linked to its checkpoint, no
 * range removed without one), and then the trail's rows against the checkpoints' intervals (hashes,
 * links, Merkle roots, the end of the newest checkpoint reached). The database's own records (its head,
 * its rotations) are evidence to check, never a starting point. It names the first thing that is not as
 * signed. Given the state of its last run, it verifies only what came after that checkpoint.
 */
public class TrailAuditor {

    private final CheckpointStore store;
    private final AuditArchive archives;
    private final AuditChainVerifier chainVerifier;
    private final AuditChainRepository chain;
    private final OperationRepository operations;
    private final Map<String, PublicKey> keys = new HashMap<>();
    private final Clock clock;

    public TrailAuditor(
            CheckpointStore store,
            AuditArchive archives,
            AuditChainVerifier chainVerifier,
            AuditChainRepository chain,
            OperationRepository operations,
            List<PublicKey> publicKeys,
            Clock clock) {
        this.store = store;
        this.archives = archives;
        this.chainVerifier = chainVerifier;
        this.chain = chain;
        this.operations = operations;
        publicKeys.forEach(key -> keys.put(AuditKeys.keyId(key), key));
        this.clock = clock;
    }

    /**
     * One audit's outcome.
     *
     * @param state what to resume from next time (the newest verified checkpoint), when intact
     */
    public record Audit(ChainVerification result, AuditorState state, long checkpoints, long archives) {
        public boolean intact() {
            return result.intact();
        }

        @Override
        public String toString() {
            return result + "; signed checkpoints verified: " + checkpoints + ", archive manifests verified: "
                    + archives + (state == null ? "" : "; last verified checkpoint: " + state.index());
        }
    }

    /** Audits everything, from the first checkpoint and the first archive. */
    public Audit audit() {
        return audit(Optional.empty(), false);
    }

    /**
     * @param since        the state of the last audit, or empty for a full audit
     * @param archiveRows  also read every archive segment not audited before and verify its rows
     */
    public Audit audit(Optional<AuditorState> since, boolean archiveRows) {
        Run run = new Run(since);
        return run.checkpoints() && run.archives(archiveRows) && run.rotations() ? run.trail() : run.failed();
    }

    private final class Run {
        private final Optional<AuditorState> since;
        private final Map<Long, SignedCheckpoint> byIndex = new HashMap<>();
        private final List<ChainSeal> seals = new ArrayList<>();
        private SignedCheckpoint newest;
        private long firstFrom;
        private long checkpoints;
        private long archived;
        private long archivedEnd = -1;
        private byte[] archivedHead;
        private List<SignedManifest> manifests = List.of();
        private ChainViolation violation;

        Run(Optional<AuditorState> since) {
            this.since = since;
        }

        boolean checkpoints() {
            long expected = since.map(AuditorState::index).orElse(1L);
            for (StoredCheckpoint copy : store.readAll()) {
                if (copy.checkpoint() != null) {
                    byIndex.putIfAbsent(copy.index(), copy.checkpoint());
                    if (copy.checkpoint().index() == 1) {
                        firstFrom = copy.checkpoint().statement().chain().from();
                    }
                }
                if (copy.index() >= 0 && copy.index() < expected) {
                    continue;
                }
                if (copy.checkpoint() == null) {
                    return fail(position(), Kind.CHECKPOINT_INVALID, copy.key() + " is " + copy.problem());
                }
                SignedCheckpoint checkpoint = copy.checkpoint();
                if (copy.index() != expected) {
                    return fail(
                            position(),
                            Kind.CHECKPOINT_MISSING,
                            "signed checkpoint " + expected + " is missing from the object store (the next copy is "
                                    + copy.index() + ")");
                }
                String problem = problem(checkpoint);
                if (problem != null) {
                    return fail(
                            position(),
                            problem.startsWith("no checkpoint") ? Kind.INTERVAL_MISSING : Kind.CHECKPOINT_INVALID,
                            problem);
                }
                seals.add(checkpoint.statement().chain());
                newest = checkpoint;
                expected++;
                checkpoints++;
            }
            if (newest == null) {
                if (since.isPresent()) {
                    return fail(
                            0,
                            Kind.CHECKPOINT_MISSING,
                            "signed checkpoint " + since.get().index()
                                    + ", verified before, is gone from the object store");
                }
                if (operations.oldestSeq() != null) {
                    return fail(1, Kind.CHECKPOINT_MISSING, "the trail has rows but no signed checkpoint exists");
                }
                return true;
            }
            Instant due =
                    newest.statement().time().plus(newest.statement().interval().multipliedBy(2));
            if (due.isBefore(clock.instant())) {
                return fail(
                        newest.statement().chain().size() + 1,
                        Kind.INTERVAL_MISSING,
                        "no signed checkpoint since checkpoint " + newest.index() + " of "
                                + newest.statement().time() + ", twice its cadence ago");
            }
            return true;
        }

        private String problem(SignedCheckpoint checkpoint) {
            long index = checkpoint.index();
            PublicKey key = keys.get(checkpoint.statement().keyId());
            if (key == null) {
                return "signed checkpoint " + index + " names a key that is not trusted ("
                        + checkpoint.statement().keyId() + ")";
            }
            if (!checkpoint.signedBy(key)) {
                return "the signature of checkpoint " + index + " does not verify: overwritten or forged";
            }
            if (since.isPresent() && index == since.get().index()) {
                return Arrays.equals(checkpoint.digest(), since.get().digest())
                        ? null
                        : "signed checkpoint " + index + " differs from the one verified before";
            }
            SignedCheckpoint before = newest;
            if (before == null) {
                return index == 1
                                && Arrays.equals(checkpoint.statement().previous(), new byte[32])
                                && checkpoint.statement().log().size() == 0
                        ? null
                        : "signed checkpoint " + index + " cannot be checked against its predecessor";
            }
            if (!Arrays.equals(checkpoint.statement().previous(), before.digest())) {
                return "signed checkpoint " + index + " does not name checkpoint " + before.index()
                        + " as its predecessor";
            }
            MerkleFrontier log = new MerkleFrontier(
                    before.statement().log().size(), before.statement().log().roots());
            log.append(MerkleTree.leafHash(before.digest()));
            if (log.size() != checkpoint.statement().log().size()
                    || !Arrays.equals(log.root(), checkpoint.statement().log().root())) {
                return "the log of checkpoints in checkpoint " + index + " does not extend checkpoint " + before.index()
                        + "'s";
            }
            ChainSeal seal = checkpoint.statement().chain();
            if (seal.from() != before.statement().chain().size() || seal.size() < seal.from()) {
                return "the interval of checkpoint " + index + " does not start where checkpoint " + before.index()
                        + "'s ends";
            }
            Instant latest =
                    before.statement().time().plus(before.statement().interval().multipliedBy(2));
            // A sealer that was stopped declares the pause in its first checkpoint, signed: a restart, not a
            // missing interval. The pause must span the whole gap it explains.
            Duration pause = checkpoint.statement().pause();
            boolean declared = pause != null
                    && !before.statement()
                            .time()
                            .plus(pause)
                            .isBefore(checkpoint.statement().time());
            if (checkpoint.statement().time().isAfter(latest) && !declared) {
                return "no checkpoint between " + before.statement().time() + " and "
                        + checkpoint.statement().time() + ", more than twice the cadence: an interval is missing";
            }
            return null;
        }

        boolean archives(boolean archiveRows) {
            manifests = archives.manifests(keys);
            for (SignedManifest manifest : manifests) {
                if (!manifest.signatureValid()) {
                    return fail(
                            manifest.firstSeq(),
                            Kind.ARCHIVE_INVALID,
                            manifest.key() + ": the manifest's signature does not verify");
                }
                SignedCheckpoint checkpoint = byIndex.get(manifest.checkpointIndex());
                if (checkpoint == null
                        || !Arrays.equals(checkpoint.digest(), manifest.checkpointDigest())
                        || checkpoint.statement().chain().size() != manifest.lastSeq()
                        || !Arrays.equals(checkpoint.statement().chain().head(), manifest.lastRowHash())) {
                    return fail(
                            manifest.firstSeq(),
                            Kind.ARCHIVE_INVALID,
                            manifest.key() + ": the manifest does not end where its signed checkpoint does");
                }
                if (archivedEnd >= 0 && manifest.firstSeq() != archivedEnd + 1) {
                    return fail(
                            archivedEnd + 1,
                            Kind.ROTATION_FORGED,
                            "rows " + (archivedEnd + 1) + ".." + (manifest.firstSeq() - 1)
                                    + " are in no signed archive");
                }
                boolean audited =
                        since.isPresent() && manifest.lastSeq() <= since.get().size();
                if (archiveRows && !audited) {
                    AuditArchive.SegmentCheck check = archives.verify(manifest.key());
                    if (!check.intact()) {
                        return fail(manifest.firstSeq(), Kind.ARCHIVE_INVALID, manifest.key() + ": " + check.detail());
                    }
                }
                archivedEnd = manifest.lastSeq();
                archivedHead = manifest.lastRowHash();
                archived++;
            }
            return true;
        }

        boolean rotations() {
            for (Rotation rotation : chain.rotations()) {
                if (rotation.lastSeq() <= firstFrom) {
                    continue; // before the first signed checkpoint: archived with unsigned manifests
                }
                boolean backed = manifests.stream()
                        .anyMatch(m -> m.firstSeq() == rotation.firstSeq()
                                && m.lastSeq() == rotation.lastSeq()
                                && rotation.archiveKey().endsWith("/" + m.key()));
                if (!backed) {
                    return fail(
                            rotation.firstSeq(),
                            Kind.ROTATION_FORGED,
                            "the rotation of rows "
                                    + rotation.firstSeq() + ".." + rotation.lastSeq()
                                    + " on record has no signed archive manifest");
                }
            }
            return true;
        }

        Audit trail() {
            Long oldest = operations.oldestSeq();
            long sealedEnd = newest == null ? 0 : newest.statement().chain().size();
            long expectedFirst =
                    Math.max(Math.max(since.map(AuditorState::size).orElse(0L), archivedEnd), firstFrom) + 1;
            if (oldest == null) {
                if (sealedEnd >= expectedFirst) {
                    fail(
                            expectedFirst,
                            Kind.TRUNCATED,
                            "the trail holds no rows; signed checkpoint " + newest.index() + " ends at row "
                                    + sealedEnd);
                    return failed();
                }
                return done(new ChainVerification(sealedEnd, sealedEnd, 0, null));
            }
            if (oldest > expectedFirst) {
                fail(
                        expectedFirst,
                        Kind.ROTATION_FORGED,
                        "rows " + expectedFirst + ".." + (oldest - 1) + " were removed without a signed archive");
                return failed();
            }
            ChainVerification result = chainVerifier.verify(start(oldest - 1), seals);
            if (result.intact() && result.toSeq() < sealedEnd) {
                result = new ChainVerification(
                        result.fromSeq(),
                        result.toSeq(),
                        result.rowsChecked(),
                        new ChainViolation(
                                result.toSeq() + 1,
                                Kind.TRUNCATED,
                                "the trail ends at row " + result.toSeq() + "; signed checkpoint " + newest.index()
                                        + " ends at row " + sealedEnd));
            }
            return done(result);
        }

        // The trusted point the walk starts after: the state of the last audit, the genesis, the end of an
        // archive or of a checkpoint, or (rows older than every signed checkpoint) the last rotation on record.
        private ChainHead start(long before) {
            if (since.isPresent() && since.get().size() >= before) {
                return new ChainHead(since.get().size(), since.get().head());
            }
            if (before == 0) {
                return new ChainHead(0, AuditHashing.GENESIS);
            }
            if (before == archivedEnd) {
                return new ChainHead(archivedEnd, archivedHead);
            }
            return seals.stream()
                    .filter(seal -> seal.size() == before)
                    .findFirst()
                    .map(seal -> new ChainHead(before, seal.head()))
                    .orElseGet(chain::chainStart);
        }

        private Audit done(ChainVerification result) {
            return new Audit(
                    result, result.intact() && newest != null ? AuditorState.of(newest) : null, checkpoints, archived);
        }

        Audit failed() {
            return new Audit(new ChainVerification(0, 0, 0, violation), null, checkpoints, archived);
        }

        private long position() {
            return newest == null ? 1 : newest.statement().chain().size() + 1;
        }

        private boolean fail(long seq, Kind kind, String detail) {
            violation = new ChainViolation(seq, kind, detail);
            return false;
        }
    }
}
