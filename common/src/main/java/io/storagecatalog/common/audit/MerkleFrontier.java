package io.storagecatalog.common.audit;

import java.util.ArrayList;
import java.util.List;

/**
 * A growing RFC 6962 tree kept as its frontier: the roots of the complete subtrees its leaves form,
 * largest first (at most one per bit of the size). Appending is O(log n) and the root is always at hand,
 * without the leaves. Used to fold an interval's rows into its root while they stream by, and to carry
 * the log of checkpoints from one signed checkpoint to the next.
 */
public final class MerkleFrontier {

    private final List<byte[]> roots;
    private long size;

    public MerkleFrontier() {
        this(0, List.of());
    }

    /** A frontier as a signed checkpoint states it: the size and the subtree roots, largest first. */
    public MerkleFrontier(long size, List<byte[]> roots) {
        if (Long.bitCount(size) != roots.size()) {
            throw new IllegalArgumentException("a tree of " + size + " leaves has " + Long.bitCount(size)
                    + " frontier nodes, not " + roots.size());
        }
        this.size = size;
        this.roots = new ArrayList<>(roots);
    }

    /** Appends a node (a leaf hash). */
    public void append(byte[] leafHash) {
        byte[] node = leafHash;
        // Each trailing one bit of the old size is a subtree of the same height to merge with.
        for (long s = size; (s & 1) == 1; s >>= 1) {
            node = MerkleTree.nodeHash(roots.remove(roots.size() - 1), node);
        }
        roots.add(node);
        size++;
    }

    public long size() {
        return size;
    }

    public List<byte[]> roots() {
        return List.copyOf(roots);
    }

    public byte[] root() {
        if (roots.isEmpty()) {
            return MerkleTree.EMPTY_ROOT.clone();
        }
        byte[] root = roots.get(roots.size() - 1);
        for (int i = roots.size() - 2; i >= 0; i--) {
            root = MerkleTree.nodeHash(roots.get(i), root);
        }
        return root;
    }
}
