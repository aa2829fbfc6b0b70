package io.storagecatalog.common.audit;

import io.storagecatalog.common.audit.AuditChainRepository.ChainHead;
import io.storagecatalog.common.audit.OperationRepository.Link;
import io.storagecatalog.common.audit.SignedCheckpoint.ChainSeal;
import io.storagecatalog.common.audit.SignedCheckpoint.Statement;
import io.storagecatalog.common.audit.SignedCheckpointRepository.Block;
import io.storagecatalog.common.audit.SignedCheckpointRepository.Held;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Seals the trail's next interval in a signed checkpoint: for each chain, the rows appended since the
 * previous checkpoint are read in order (their links checked: a gap or a broken link is never sealed), folded into their
 * Merkle root and the roots of their complete 1,024-row blocks, and the statement is signed, stored in
 * the catalog and then, create-only, in the object store. All chains are sealed together in one statement,
 * without stopping their appends. One sealer runs at a time (a database lock);
 * a checkpoint is due once the cadence has passed since the last one, with or without new rows.
 */
public class CheckpointSealer {

    /** The rows of one Merkle block whose root the catalog keeps. */
    public static final int BLOCK_ROWS = 1024;

    private static final Logger log = LoggerFactory.getLogger(CheckpointSealer.class);
    private static final int PAGE = 10_000;

    private final SignedCheckpointRepository checkpoints;
    private final AuditChainRepository chain;
    private final OperationRepository operations;
    private final CheckpointStore store;
    private final AuditSigner signer;
    private final TransactionTemplate transactions;
    private final Duration interval;
    private final Clock clock;
    // Whether this sealer has sealed since it started: its first seal declares a pause, if there was one.
    private volatile boolean sealedSinceStart;

    public CheckpointSealer(
            SignedCheckpointRepository checkpoints,
            AuditChainRepository chain,
            OperationRepository operations,
            CheckpointStore store,
            AuditSigner signer,
            TransactionTemplate transactions,
            Duration interval,
            Clock clock) {
        this.checkpoints = checkpoints;
        this.chain = chain;
        this.operations = operations;
        this.store = store;
        this.signer = signer;
        this.transactions = transactions;
        this.interval = interval;
        this.clock = clock;
    }

    /** Seals the next checkpoint if the cadence is due (or none exists), then stores what is not stored yet. */
    public Optional<SignedCheckpoint> sealIfDue() {
        Optional<SignedCheckpoint> sealed = transactions.execute(status -> {
            checkpoints.lockSealing();
            Optional<Held> latest = checkpoints.latest();
            if (latest.isPresent() && !due(latest.get().checkpoint())) {
                return Optional.<SignedCheckpoint>empty();
            }
            return Optional.of(sealNext(latest));
        });
        sealed.ifPresent(checkpoint -> sealedSinceStart = true);
        storePending();
        return sealed;
    }

    /** Seals the next checkpoint now, whatever the cadence, and stores it. */
    public SignedCheckpoint seal() {
        SignedCheckpoint sealed = transactions.execute(status -> {
            checkpoints.lockSealing();
            return sealNext(checkpoints.latest());
        });
        sealedSinceStart = true;
        storePending();
        return sealed;
    }

    /** Writes the copies the object store does not hold yet (after a crash or an outage of the store). */
    public void storePending() {
        store.publish(signer.publicKey());
        for (Held held : checkpoints.notStored(100)) {
            String key = store.write(held.checkpoint());
            checkpoints.markStored(held.checkpoint().index(), key);
            log.info("audit checkpoint {} stored: {}", held.checkpoint().index(), key);
        }
    }

    private boolean due(SignedCheckpoint latest) {
        // A tenth of the cadence early is on time: the schedule that asks drifts by its own delay.
        return !latest.statement()
                .time()
                .plus(interval.minus(interval.dividedBy(10)))
                .isAfter(clock.instant());
    }

    private SignedCheckpoint sealNext(Optional<Held> latest) {
        long index;
        byte[] previous;
        MerkleFrontier checkpointLog;
        SignedCheckpoint before = latest.map(Held::checkpoint).orElse(null);
        if (before == null) {
            index = 1;
            previous = new byte[32];
            checkpointLog = new MerkleFrontier();
        } else {
            if (before.statement().keyId().equals(signer.keyId()) && !before.signedBy(signer.publicKey())) {
                throw new IllegalStateException(
                        "the catalog's checkpoint " + before.index() + " does not verify: it is never chained onto");
            }
            index = before.index() + 1;
            previous = before.digest();
            MerkleFrontier log = before.statement().log();
            checkpointLog = new MerkleFrontier(log.size(), log.roots());
            checkpointLog.append(MerkleTree.leafHash(previous));
        }
        Instant now = AuditHashing.truncate(clock.instant());
        Duration pause = latest.map(
                        held -> Duration.between(held.checkpoint().statement().time(), now))
                .filter(since -> !sealedSinceStart && since.compareTo(this.interval.multipliedBy(2)) > 0)
                .orElse(null);
        List<ChainSeal> seals = new ArrayList<>();
        List<Block> blocks = new ArrayList<>();
        for (int number : chain.chains()) {
            // A chain the previous checkpoint did not seal (one added since) starts where its rows start.
            ChainHead start = before == null
                    ? chain.chainStart(number)
                    : before.statement()
                            .chain(number)
                            .map(seal -> new ChainHead(seal.size(), seal.head()))
                            .orElseGet(() -> chain.chainStart(number));
            // Each head is read on its own: appends to the other chains go on meanwhile, and what they add
            // after this read belongs to the next interval.
            ChainHead head = chain.head(number);
            if (head.seq() < start.seq()) {
                throw new IllegalStateException("chain " + number + "'s head (row " + head.seq()
                        + ") is behind the last checkpoint's end (row " + start.seq() + "): the trail was cut off");
            }
            Interval interval = new Interval(number, start);
            operations.streamLinks(number, start.seq(), head.seq(), PAGE, interval::accept);
            interval.finish(head);
            seals.add(ChainSeal.of(number, start.seq(), head.seq(), interval.last, interval.rows.root()));
            blocks.addAll(interval.blocks);
        }
        if (before != null) {
            for (ChainSeal sealed : before.statement().chains()) {
                if (seals.stream().noneMatch(seal -> seal.chain() == sealed.chain())) {
                    throw new IllegalStateException("chain " + sealed.chain()
                            + " was sealed before and has no head now: a chain never goes away");
                }
            }
        }
        Statement statement = new Statement(
                index, now, this.interval, signer.keyId(), previous, checkpointLog, List.copyOf(seals), pause);
        SignedCheckpoint signed = signer.sign(statement);
        checkpoints.insert(signed, blocks, statement.time());
        if (pause != null) {
            log.warn(
                    "audit checkpoint {} declares a pause of the sealer of {} since checkpoint {}",
                    index,
                    pause,
                    index - 1);
        }
        log.info("audit checkpoint {} sealed: {} rows in {} chains", index, statement.rows(), seals.size());
        return signed;
    }

    /** The rows of one interval, checked link by link and folded into Merkle roots as they stream by. */
    private static final class Interval {
        private final int chain;
        private final MerkleFrontier rows = new MerkleFrontier();
        private final List<Block> blocks = new ArrayList<>();
        private MerkleFrontier block = new MerkleFrontier();
        private long seq;
        private byte[] last;

        Interval(int chain, ChainHead start) {
            this.chain = chain;
            this.seq = start.seq();
            this.last = start.rowHash();
        }

        void accept(Link link) {
            if (link.seq() != seq + 1 || !Arrays.equals(link.prevHash(), last)) {
                throw new IllegalStateException("audit row " + (seq + 1) + " of chain " + chain
                        + " is missing or does not link to its predecessor: the interval is not sealed");
            }
            byte[] leaf = MerkleTree.leafHash(link.rowHash());
            rows.append(leaf);
            block.append(leaf);
            if (block.size() == BLOCK_ROWS) {
                blocks.add(new Block(chain, blocks.size(), block.root()));
                block = new MerkleFrontier();
            }
            seq = link.seq();
            last = link.rowHash();
        }

        void finish(ChainHead head) {
            if (seq != head.seq() || !Arrays.equals(last, head.rowHash())) {
                throw new IllegalStateException("chain " + chain + "'s rows end at row " + seq + " but its head is row "
                        + head.seq() + ": the interval is not sealed");
            }
        }
    }
}
