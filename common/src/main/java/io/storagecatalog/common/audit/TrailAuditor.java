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
import java.util.TreeMap;

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
        // Per chain: where its first signed interval starts, and where its signed archives end.
        private final Map<Integer, Long> firstFrom = new TreeMap<>();
        private final Map<Integer, ChainHead> archivedEnd = new HashMap<>();
        private SignedCheckpoint sinceCheckpoint;
        private SignedCheckpoint newest;
        private long checkpoints;
        private long archived;
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
                        copy.checkpoint()
                                .statement()
                                .chains()
                                .forEach(seal -> firstFrom.putIfAbsent(seal.chain(), seal.from()));
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
                if (since.isPresent() && checkpoint.index() == since.get().index()) {
                    sinceCheckpoint = checkpoint;
                }
                // A chain first sealed after checkpoint 1 (added later) starts at its genesis.
                checkpoint.statement().chains().forEach(seal -> firstFrom.putIfAbsent(seal.chain(), 0L));
                seals.addAll(checkpoint.statement().chains());
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
                if (operations.anyRow()) {
                    return fail(1, Kind.CHECKPOINT_MISSING, "the trail has rows but no signed checkpoint exists");
                }
                return true;
            }
            Instant due =
                    newest.statement().time().plus(newest.statement().interval().multipliedBy(2));
            if (due.isBefore(clock.instant())) {
                return fail(
                        position(),
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
            for (ChainSeal earlier : before.statement().chains()) {
                if (checkpoint.statement().chain(earlier.chain()).isEmpty()) {
                    return "signed checkpoint " + index + " does not seal chain " + earlier.chain()
                            + ", which checkpoint " + before.index() + " sealed: a chain never goes away";
                }
            }
            for (ChainSeal seal : checkpoint.statement().chains()) {
                long from = before.statement()
                        .chain(seal.chain())
                        .map(ChainSeal::size)
                        .orElse(0L);
                if (seal.from() != from) {
                    return "the interval of chain " + seal.chain() + " in checkpoint " + index
                            + " does not start where checkpoint " + before.index() + "'s ends";
                }
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
                int number = manifest.chain();
                if (!manifest.signatureValid()) {
                    return fail(
                            number,
                            manifest.firstSeq(),
                            Kind.ARCHIVE_INVALID,
                            manifest.key() + ": the manifest's signature does not verify");
                }
                SignedCheckpoint checkpoint = byIndex.get(manifest.checkpointIndex());
                ChainSeal seal = checkpoint == null
                        ? null
                        : checkpoint.statement().chain(number).orElse(null);
                if (seal == null
                        || !Arrays.equals(checkpoint.digest(), manifest.checkpointDigest())
                        || seal.size() != manifest.lastSeq()
                        || !Arrays.equals(seal.head(), manifest.lastRowHash())) {
                    return fail(
                            number,
                            manifest.firstSeq(),
                            Kind.ARCHIVE_INVALID,
                            manifest.key() + ": the manifest does not end where its signed checkpoint does");
                }
                ChainHead end = archivedEnd.get(number);
                if (end != null && manifest.firstSeq() != end.seq() + 1) {
                    return fail(
                            number,
                            end.seq() + 1,
                            Kind.ROTATION_FORGED,
                            "rows " + (end.seq() + 1) + ".." + (manifest.firstSeq() - 1) + " of chain " + number
                                    + " are in no signed archive");
                }
                boolean audited = manifest.lastSeq() <= sinceSize(number);
                if (archiveRows && !audited) {
                    AuditArchive.SegmentCheck check = archives.verify(manifest.key());
                    if (!check.intact()) {
                        return fail(
                                number,
                                manifest.firstSeq(),
                                Kind.ARCHIVE_INVALID,
                                manifest.key() + ": " + check.detail());
                    }
                }
                archivedEnd.put(number, new ChainHead(manifest.lastSeq(), manifest.lastRowHash()));
                archived++;
            }
            return true;
        }

        boolean rotations() {
            for (int number : chain.chains()) {
                long from = firstFrom.getOrDefault(number, 0L);
                for (Rotation rotation : chain.rotations(number)) {
                    if (rotation.lastSeq() <= from) {
                        continue; // before the first signed checkpoint: archived with unsigned manifests
                    }
                    boolean backed = manifests.stream()
                            .anyMatch(m -> m.chain() == number
                                    && m.firstSeq() == rotation.firstSeq()
                                    && m.lastSeq() == rotation.lastSeq()
                                    && rotation.archiveKey().endsWith("/" + m.key()));
                    if (!backed) {
                        return fail(
                                number,
                                rotation.firstSeq(),
                                Kind.ROTATION_FORGED,
                                "the rotation of rows "
                                        + rotation.firstSeq() + ".." + rotation.lastSeq() + " of chain " + number
                                        + " on record has no signed archive manifest");
                    }
                }
            }
            return true;
        }

        Audit trail() {
            java.util.Set<Integer> numbers = new java.util.TreeSet<>(chain.chains());
            numbers.addAll(firstFrom.keySet());
            List<ChainVerification> results = new ArrayList<>();
            for (int number : numbers) {
                ChainVerification result = trail(number);
                results.add(result);
                if (!result.intact()) {
                    break;
                }
            }
            return violation != null ? failed() : done(ChainVerification.ofChains(results));
        }

        private ChainVerification trail(int number) {
            Long oldest = operations.oldestSeq(number);
            ChainSeal newestSeal =
                    newest == null ? null : newest.statement().chain(number).orElse(null);
            long sealedEnd = newestSeal == null ? 0 : newestSeal.size();
            ChainHead archivedTo = archivedEnd.get(number);
            long expectedFirst = Math.max(
                            Math.max(sinceSize(number), archivedTo == null ? -1 : archivedTo.seq()),
                            firstFrom.getOrDefault(number, 0L))
                    + 1;
            if (oldest == null) {
                if (sealedEnd >= expectedFirst) {
                    fail(
                            number,
                            expectedFirst,
                            Kind.TRUNCATED,
                            "chain " + number + " holds no rows; signed checkpoint " + newest.index()
                                    + " ends it at row " + sealedEnd);
                    return new ChainVerification(0, 0, 0, violation);
                }
                return new ChainVerification(sealedEnd, sealedEnd, 0, null);
            }
            if (oldest > expectedFirst) {
                fail(
                        number,
                        expectedFirst,
                        Kind.ROTATION_FORGED,
                        "rows " + expectedFirst + ".." + (oldest - 1) + " of chain " + number
                                + " were removed without a signed archive");
                return new ChainVerification(0, 0, 0, violation);
            }
            ChainVerification result = chainVerifier.verify(number, start(number, oldest - 1), seals);
            if (result.intact() && result.toSeq() < sealedEnd) {
                result = new ChainVerification(
                        result.fromSeq(),
                        result.toSeq(),
                        result.rowsChecked(),
                        new ChainViolation(
                                number,
                                result.toSeq() + 1,
                                Kind.TRUNCATED,
                                "chain " + number + " ends at row " + result.toSeq() + "; signed checkpoint "
                                        + newest.index() + " ends it at row " + sealedEnd));
            }
            return result;
        }

        // Where the last audit's checkpoint ended a chain (0 without one).
        private long sinceSize(int number) {
            return sinceCheckpoint == null
                    ? 0
                    : sinceCheckpoint
                            .statement()
                            .chain(number)
                            .map(ChainSeal::size)
                            .orElse(0L);
        }

        // The trusted point a chain's walk starts after: the last audit's checkpoint, the genesis, the end of
        // an archive or of a checkpoint, or (rows older than every signed checkpoint) the last rotation on
        // record.
        private ChainHead start(int number, long before) {
            if (sinceCheckpoint != null && sinceSize(number) >= before) {
                ChainSeal seal = sinceCheckpoint.statement().chain(number).orElseThrow();
                return new ChainHead(seal.size(), seal.head());
            }
            if (before == 0) {
                return new ChainHead(0, AuditHashing.genesis(number));
            }
            ChainHead archivedTo = archivedEnd.get(number);
            if (archivedTo != null && before == archivedTo.seq()) {
                return archivedTo;
            }
            return seals.stream()
                    .filter(seal -> seal.chain() == number && seal.size() == before)
                    .findFirst()
                    .map(seal -> new ChainHead(before, seal.head()))
                    .orElseGet(() -> chain.chainStart(number));
        }

        private Audit done(ChainVerification result) {
            return new Audit(
                    result, result.intact() && newest != null ? AuditorState.of(newest) : null, checkpoints, archived);
        }

        Audit failed() {
            return new Audit(new ChainVerification(0, 0, 0, violation), null, checkpoints, archived);
        }

        private long position() {
            return newest == null
                    ? 1
                    : newest.statement().chain(0).map(ChainSeal::size).orElse(0L) + 1;
        }

        private boolean fail(long seq, Kind kind, String detail) {
            return fail(0, seq, kind, detail);
        }

        private boolean fail(int number, long seq, Kind kind, String detail) {
            violation = new ChainViolation(number, seq, kind, detail);
            return false;
        }
    }
}
