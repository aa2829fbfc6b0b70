package io.storagecatalog.common.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class MerkleTreeTest {

    private static final HexFormat HEX = HexFormat.of();

    // The reference leaves and roots of the certificate-transparency test vectors (RFC 6962 hashing).
    private static final String[] LEAVES = {
        "", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"
    };
    private static final String[] ROOTS = {
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"
    };

    private static List<byte[]> leaves(int n) {
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            leaves.add(MerkleTree.leafHash(HEX.parseHex(LEAVES[i])));
        }
        return leaves;
    }

    @Test
    void rootsMatchTheReferenceVectors() {
        assertThat(HEX.formatHex(MerkleTree.root(List.of())))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        for (int n = 1; n <= 8; n++) {
            assertThat(HEX.formatHex(MerkleTree.root(leaves(n))))
                    .as("%d leaves", n)
                    .isEqualTo(ROOTS[n - 1]);
        }
    }

    @Test
    void theFrontierHasTheRootAtEverySize() {
        MerkleFrontier frontier = new MerkleFrontier();
        List<byte[]> leaves = synthetic(1_100);
        for (int n = 1; n <= leaves.size(); n++) {
            frontier.append(leaves.get(n - 1));
            if (n <= 70 || n % 97 == 0) {
                assertThat(frontier.root()).as("%d leaves", n).isEqualTo(MerkleTree.root(leaves.subList(0, n)));
            }
        }
        MerkleFrontier restored = new MerkleFrontier(frontier.size(), frontier.roots());
        restored.append(MerkleTree.leafHash(new byte[] {1}));
        frontier.append(MerkleTree.leafHash(new byte[] {1}));
        assertThat(restored.root()).isEqualTo(frontier.root());
    }

    @Test
    void everyPathVerifiesAndOnlyAtItsOwnPlace() {
        for (int n = 1; n <= 40; n++) {
            List<byte[]> leaves = synthetic(n);
            byte[] root = MerkleTree.root(leaves);
            for (int i = 0; i < n; i++) {
                List<byte[]> path = MerkleTree.path(i, leaves);
                assertThat(MerkleTree.verifyInclusion(i, n, leaves.get(i), path, root))
                        .as("leaf %d of %d", i, n)
                        .isTrue();
                if (n > 1) {
                    assertThat(MerkleTree.verifyInclusion((i + 1) % n, n, leaves.get(i), path, root))
                            .isFalse();
                    assertThat(MerkleTree.verifyInclusion(i, n, MerkleTree.leafHash(new byte[] {9}), path, root))
                            .isFalse();
                }
            }
        }
    }

    @Test
    void aPathThroughABlockJoinsAPathOverBlockRoots() {
        // The proofs read one block's leaves and the blocks' roots: the joined path is the whole tree's.
        int block = 8;
        for (int n : new int[] {17, 24, 31, 64, 65}) {
            List<byte[]> leaves = synthetic(n);
            List<byte[]> roots = new ArrayList<>();
            for (int from = 0; from < n; from += block) {
                roots.add(MerkleTree.root(leaves.subList(from, Math.min(n, from + block))));
            }
            assertThat(MerkleTree.root(roots)).isEqualTo(MerkleTree.root(leaves));
            for (int i = 0; i < n; i++) {
                int b = i / block;
                List<byte[]> path = new ArrayList<>(MerkleTree.path(
                        i % block, leaves.subList(b * block, Math.min(n, b * block + block))));
                path.addAll(MerkleTree.path(b, roots));
                assertThat(path)
                        .usingElementComparator(java.util.Arrays::compare)
                        .isEqualTo(MerkleTree.path(i, leaves));
            }
        }
    }

    @Test
    void theTreeKeptByLevelsHasTheSameRootAndPaths() {
        for (int n = 1; n <= 130; n++) {
            List<byte[]> leaves = synthetic(n);
            MerkleLevels levels = MerkleLevels.of(leaves);
            assertThat(levels.root()).as("root of %d", n).isEqualTo(MerkleTree.root(leaves));
            for (int i = 0; i < n; i++) {
                assertThat(levels.path(i))
                        .as("path of leaf %d of %d", i, n)
                        .usingElementComparator(java.util.Arrays::compare)
                        .isEqualTo(MerkleTree.path(i, leaves));
            }
        }
        for (int n = 1; n <= 8; n++) {
            assertThat(HEX.formatHex(MerkleLevels.of(leaves(n)).root())).isEqualTo(ROOTS[n - 1]);
        }
    }

    private static List<byte[]> synthetic(int n) {
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            leaves.add(MerkleTree.leafHash(Integer.toString(i).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        return leaves;
    }
}
