package io.storagecatalog.common.audit;

import java.util.ArrayList;
import java.util.List;

/**
 * An RFC 6962 tree kept whole, level by level, for many paths over the same nodes: built bottom-up,
 * pairing neighbours and carrying an odd last node up unchanged, which gives the same root and paths as
 * splitting at the largest power of two ({@link MerkleTree}). A path then costs a look-up per level
 * instead of a hash of every node.
 */
final class MerkleLevels {

    private final List<List<byte[]>> levels;

    private MerkleLevels(List<List<byte[]>> levels) {
        this.levels = levels;
    }

    /** The tree over {@code nodes} (leaf hashes, or roots of consecutive aligned blocks); at least one. */
    static MerkleLevels of(List<byte[]> nodes) {
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("a tree needs at least one node");
        }
        List<List<byte[]>> levels = new ArrayList<>();
        List<byte[]> level = List.copyOf(nodes);
        levels.add(level);
        while (level.size() > 1) {
            List<byte[]> up = new ArrayList<>((level.size() + 1) / 2);
            for (int i = 0; i < level.size(); i += 2) {
                up.add(i + 1 < level.size() ? MerkleTree.nodeHash(level.get(i), level.get(i + 1)) : level.get(i));
            }
            level = up;
            levels.add(level);
        }
        return new MerkleLevels(levels);
    }

    int size() {
        return levels.get(0).size();
    }

    byte[] root() {
        return levels.get(levels.size() - 1).get(0);
    }

    /** The audit path of node {@code index}, from the bottom up (RFC 9162 PATH). */
    List<byte[]> path(int index) {
        if (index < 0 || index >= size()) {
            throw new IllegalArgumentException("index " + index + " is outside a tree of " + size());
        }
        List<byte[]> path = new ArrayList<>();
        int at = index;
        for (List<byte[]> level : levels.subList(0, levels.size() - 1)) {
            int sibling = at ^ 1;
            if (sibling < level.size()) {
                path.add(level.get(sibling));
            }
            at >>= 1;
        }
        return path;
    }
}
