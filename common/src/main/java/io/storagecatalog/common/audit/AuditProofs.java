package io.storagecatalog.common.audit;

import io.storagecatalog.common.audit.SignedCheckpoint.ChainSeal;
import io.storagecatalog.common.audit.SignedCheckpointRepository.Held;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Proofs a holder of the public key alone can check: that an audit row is in the trail (its Merkle path
 * to the root its signed checkpoint states) and that a later checkpoint extends an earlier one (the
 * earlier one's digest is a leaf of the later one's log of checkpoints). A row's proof reads the rows of
 * its 1,024-row block and the roots of its interval's blocks, however long the trail.
 */
public class AuditProofs {

    private static final int CACHED_TREES = 16;

    private final SignedCheckpointRepository checkpoints;
    private final OperationRepository operations;
    // The trees of the checkpoints proved most recently (about 64 bytes per block of 1,024 rows each).
    private final Map<String, MerkleLevels> blockTrees;

    public AuditProofs(SignedCheckpointRepository checkpoints, OperationRepository operations) {
        this.checkpoints = checkpoints;
        this.operations = operations;
        this.blockTrees = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, MerkleLevels> eldest) {
                return size() > CACHED_TREES;
            }
        });
    }

    /** A row's proof of inclusion: the row, its place in its interval's tree, the path, and the checkpoint. */
    public record Inclusion(
            AuditRow row, long leafIndex, long treeSize, List<byte[]> path, SignedCheckpoint checkpoint) {}

    /** That {@code newer} extends {@code older}: the path from older's digest to newer's log of checkpoints. */
    public record Consistency(SignedCheckpoint older, SignedCheckpoint newer, List<byte[]> path) {}

    /** Why there is no proof (yet). */
    public static class NoProof extends RuntimeException {
        public NoProof(String message) {
            super(message);
        }
    }

    /**
     * @throws NoProof when the row is not in the trail, or not sealed by a checkpoint yet
     */
    public Inclusion inclusion(int chain, long seq) {
        String name = "audit row " + seq + " of chain " + chain;
        AuditRow row = operations.row(chain, seq).orElseThrow(() -> new NoProof(name + " is not in the trail"));
        Held held = checkpoints
                .covering(chain, seq)
                .orElseThrow(() -> new NoProof(name + " is not sealed by a signed checkpoint yet"));
        ChainSeal seal = held.checkpoint()
                .statement()
                .chain(chain)
                .orElseThrow(() -> new IllegalStateException(
                        "checkpoint " + held.checkpoint().index() + " does not seal chain " + chain));
        long leaf = seq - seal.from() - 1;
        int block = Math.toIntExact(leaf / CheckpointSealer.BLOCK_ROWS);
        List<byte[]> leaves = blockLeaves(seal, block);
        int inBlock = Math.toIntExact(leaf % CheckpointSealer.BLOCK_ROWS);
        List<byte[]> path = new ArrayList<>(MerkleTree.path(inBlock, leaves));
        long blockCount = (seal.rows() + CheckpointSealer.BLOCK_ROWS - 1) / CheckpointSealer.BLOCK_ROWS;
        if (blockCount > 1) {
            path.addAll(blockTree(held.checkpoint().index(), seal, blockCount).path(block));
        }
        byte[] leafHash = MerkleTree.leafHash(row.rowHash());
        if (!MerkleTree.verifyInclusion(leaf, seal.rows(), leafHash, path, seal.root())) {
            throw new IllegalStateException(name + " does not lead to the Merkle root of checkpoint "
                    + held.checkpoint().index() + ": the trail differs from what was signed");
        }
        return new Inclusion(row, leaf, seal.rows(), path, held.checkpoint());
    }

    /**
     * @throws NoProof when either checkpoint does not exist or {@code older} does not come before {@code newer}
     */
    public Consistency consistency(long older, long newer) {
        if (older < 1 || older >= newer) {
            throw new NoProof("the older checkpoint must come before the newer one");
        }
        SignedCheckpoint first = checkpoints
                .byIndex(older)
                .orElseThrow(() -> new NoProof("signed checkpoint " + older + " does not exist"))
                .checkpoint();
        SignedCheckpoint second = checkpoints
                .byIndex(newer)
                .orElseThrow(() -> new NoProof("signed checkpoint " + newer + " does not exist"))
                .checkpoint();
        List<byte[]> leaves = checkpoints.digests(1, newer - 1).stream()
                .map(MerkleTree::leafHash)
                .toList();
        List<byte[]> path = MerkleTree.path(Math.toIntExact(older - 1), leaves);
        return new Consistency(first, second, path);
    }

    /**
     * The tree over an interval's block roots (the stored complete blocks and the last, partial one),
     * built once: a sealed interval never changes, and at millions of rows a checkpoint has thousands of
     * blocks, whose tree costs more than the rest of a proof.
     */
    private MerkleLevels blockTree(long checkpoint, ChainSeal seal, long blockCount) {
        String key = checkpoint + " " + seal.chain();
        MerkleLevels cached = blockTrees.get(key);
        if (cached != null) {
            return cached;
        }
        List<byte[]> roots = new ArrayList<>(checkpoints.blockRoots(checkpoint, seal.chain()));
        if (roots.size() < blockCount) {
            roots.add(MerkleTree.root(blockLeaves(seal, (int) blockCount - 1)));
        }
        MerkleLevels tree = MerkleLevels.of(roots);
        blockTrees.put(key, tree);
        return tree;
    }

    private List<byte[]> blockLeaves(ChainSeal seal, int block) {
        long after = seal.from() + (long) block * CheckpointSealer.BLOCK_ROWS;
        long to = Math.min(after + CheckpointSealer.BLOCK_ROWS, seal.size());
        List<byte[]> leaves = new ArrayList<>(CheckpointSealer.BLOCK_ROWS);
        operations.streamLinks(
                seal.chain(),
                after,
                to,
                CheckpointSealer.BLOCK_ROWS,
                link -> leaves.add(MerkleTree.leafHash(link.rowHash())));
        return leaves;
    }

    /** The newest checkpoint, if any. */
    public Optional<SignedCheckpoint> latest() {
        return checkpoints.latest().map(Held::checkpoint);
    }
}
