package io.storagecatalog.common.audit;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * RFC 6962 (RFC 9162, section 2.1) Merkle tree hashing, audit paths and their verification. A leaf
 * is hashed as {@code SHA-256(0x00 || data)}, an interior node as {@code SHA-256(0x01 || left || right)},
 * and a tree of n leaves splits at the largest power of two below n. The paths here work on nodes
 * already hashed, so a path through a subtree and a path over subtree roots can be joined: every
 * complete, aligned block of 2^k leaves is a node of the tree.
 */
public final class MerkleTree {

    /** The root of a tree with no leaves: SHA-256 of the empty string. */
    public static final byte[] EMPTY_ROOT = sha256().digest();

    private MerkleTree() {}

    public static byte[] leafHash(byte[] data) {
        MessageDigest digest = sha256();
        digest.update((byte) 0);
        digest.update(data);
        return digest.digest();
    }

    public static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest digest = sha256();
        digest.update((byte) 1);
        digest.update(left);
        digest.update(right);
        return digest.digest();
    }

    /** The root over nodes (leaf hashes, or roots of consecutive aligned blocks). */
    public static byte[] root(List<byte[]> nodes) {
        if (nodes.isEmpty()) {
            return EMPTY_ROOT.clone();
        }
        return root(nodes, 0, nodes.size());
    }

    private static byte[] root(List<byte[]> nodes, int from, int to) {
        int n = to - from;
        if (n == 1) {
            return nodes.get(from);
        }
        int k = largestPowerOfTwoBelow(n);
        return nodeHash(root(nodes, from, from + k), root(nodes, from + k, to));
    }

    /** The audit path of node {@code index} among {@code nodes}, from the bottom up (RFC 9162 PATH). */
    public static List<byte[]> path(int index, List<byte[]> nodes) {
        if (index < 0 || index >= nodes.size()) {
            throw new IllegalArgumentException("index " + index + " is outside a tree of " + nodes.size());
        }
        List<byte[]> path = new ArrayList<>();
        path(index, nodes, 0, nodes.size(), path);
        return path;
    }

    private static void path(int index, List<byte[]> nodes, int from, int to, List<byte[]> path) {
        int n = to - from;
        if (n == 1) {
            return;
        }
        int k = largestPowerOfTwoBelow(n);
        if (index - from < k) {
            path(index, nodes, from, from + k, path);
            path.add(root(nodes, from + k, to));
        } else {
            path(index, nodes, from + k, to, path);
            path.add(root(nodes, from, from + k));
        }
    }

    /**
     * Whether {@code path} proves that {@code leaf} (a leaf hash) is leaf {@code index} of the tree of
     * {@code size} leaves whose root is {@code root} (RFC 9162, section 2.1.3.2).
     */
    public static boolean verifyInclusion(long index, long size, byte[] leaf, List<byte[]> path, byte[] root) {
        if (index < 0 || index >= size) {
            return false;
        }
        long fn = index;
        long sn = size - 1;
        byte[] r = leaf;
        for (byte[] p : path) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = nodeHash(p, r);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                r = nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && Arrays.equals(r, root);
    }

    static int largestPowerOfTwoBelow(int n) {
        return Integer.highestOneBit(n - 1);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
