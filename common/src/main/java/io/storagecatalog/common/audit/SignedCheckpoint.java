package io.storagecatalog.common.audit;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * One signed checkpoint of the trail: the statement (its text, {@link #body()}), the Ed25519 signature
 * over that text and the key's id. The statement names its place in the sequence of checkpoints, the
 * digest of the checkpoint before it (a chain of signatures), the log of all earlier checkpoints' digests
 * as an RFC 6962 frontier (so that one checkpoint proves it extends another in O(log n)), and per chain
 * of the trail the interval it seals: its rows' positions, the last row's hash and the Merkle root over
 * the rows' hashes. An interval may be empty: the cadence holds when nothing happens. The first
 * checkpoint a sealer signs after it was stopped for more than twice the cadence declares the pause
 * (its last line, {@code pause <ISO-8601 duration since the previous checkpoint>}), so that a restart is
 * told apart from checkpoints that went missing.
 *
 * <pre>
 * storage-catalog audit checkpoint v1
 * index 42
 * time 2026-12-05T06:00:00.123456Z
 * interval PT5M
 * key 0123456789abcdef
 * previous &lt;digest of checkpoint 41, hex; 64 zeros for the first&gt;
 * log 41 &lt;frontier node, hex&gt; ...
 * chain trail &lt;from&gt; &lt;size&gt; &lt;hash of row size, hex&gt; &lt;Merkle root of rows from+1..size, hex&gt;
 * chain trail-1 ...         (one line per chain, by number: "trail" is chain 0, "trail-N" chain N)
 * pause PT17M3.2S            (only after a pause of the sealer)
 * </pre>
 */
public record SignedCheckpoint(Statement statement, String body, byte[] signature) {

    static final String HEADER = "storage-catalog audit checkpoint v1";
    private static final HexFormat HEX = HexFormat.of();

    /** What a checkpoint states. */
    public record Statement(
            long index,
            Instant time,
            Duration interval,
            String keyId,
            byte[] previous,
            MerkleFrontier log,
            List<ChainSeal> chains,
            Duration pause) {

        /** The seal of chain {@code number}, if this checkpoint seals it. */
        public java.util.Optional<ChainSeal> chain(int number) {
            return chains.stream().filter(seal -> seal.chain() == number).findFirst();
        }

        /** How many rows all chains' intervals hold. */
        public long rows() {
            return chains.stream().mapToLong(ChainSeal::rows).sum();
        }

        public String text() {
            StringBuilder text = new StringBuilder(HEADER).append('\n');
            text.append("index ").append(index).append('\n');
            text.append("time ").append(time).append('\n');
            text.append("interval ").append(interval).append('\n');
            text.append("key ").append(keyId).append('\n');
            text.append("previous ").append(HEX.formatHex(previous)).append('\n');
            text.append("log ").append(log.size());
            log.roots().forEach(node -> text.append(' ').append(HEX.formatHex(node)));
            text.append('\n');
            for (ChainSeal seal : chains) {
                text.append("chain ")
                        .append(seal.name())
                        .append(' ')
                        .append(seal.from())
                        .append(' ')
                        .append(seal.size())
                        .append(' ')
                        .append(HEX.formatHex(seal.head()))
                        .append(' ')
                        .append(HEX.formatHex(seal.root()))
                        .append('\n');
            }
            if (pause != null) {
                text.append("pause ").append(pause).append('\n');
            }
            return text.toString();
        }
    }

    /** The interval one chain's rows fill: positions {@code from + 1 .. size}. */
    public record ChainSeal(String name, long from, long size, byte[] head, byte[] root) {

        public static ChainSeal of(int chain, long from, long size, byte[] head, byte[] root) {
            return new ChainSeal(name(chain), from, size, head, root);
        }

        /** A chain's name in a checkpoint: "trail" for chain 0, "trail-N" for chain N. */
        public static String name(int chain) {
            return chain == 0 ? "trail" : "trail-" + chain;
        }

        /** The chain's number, from its name. */
        public int chain() {
            if (name.equals("trail")) {
                return 0;
            }
            if (name.startsWith("trail-") && name.length() <= 9) {
                try {
                    int number = Integer.parseInt(name.substring(6));
                    if (number > 0 && name.equals(name(number))) {
                        return number;
                    }
                } catch (NumberFormatException e) {
                    // named below
                }
            }
            throw new IllegalArgumentException("a chain is named trail or trail-N");
        }

        public long rows() {
            return size - from;
        }
    }

    public static SignedCheckpoint sign(Statement statement, PrivateKey key) {
        String body = statement.text();
        return new SignedCheckpoint(statement, body, AuditKeys.sign(key, body.getBytes(StandardCharsets.UTF_8)));
    }

    /** SHA-256 over the statement's text: what the next checkpoint and the log name this one by. */
    public byte[] digest() {
        return MerkleTree.sha256().digest(body.getBytes(StandardCharsets.UTF_8));
    }

    public long index() {
        return statement.index();
    }

    public boolean signedBy(PublicKey key) {
        return AuditKeys.keyId(key).equals(statement.keyId())
                && AuditKeys.verify(key, body.getBytes(StandardCharsets.UTF_8), signature);
    }

    /**
     * Reads a checkpoint from its text and signature (the signature is not checked here).
     *
     * @throws IllegalArgumentException naming the line that is not as the format says
     */
    public static SignedCheckpoint parse(String body, byte[] signature) {
        String[] lines = body.split("\n", -1);
        if (lines.length < 9 || !lines[0].equals(HEADER) || !lines[lines.length - 1].isEmpty()) {
            throw new IllegalArgumentException("not a storage-catalog audit checkpoint v1");
        }
        try {
            long index = Long.parseLong(value(lines[1], "index"));
            Instant time = Instant.parse(value(lines[2], "time"));
            Duration interval = Duration.parse(value(lines[3], "interval"));
            String keyId = value(lines[4], "key");
            byte[] previous = hash(value(lines[5], "previous"));
            String[] log = value(lines[6], "log").split(" ");
            List<byte[]> frontier = new ArrayList<>();
            for (int i = 1; i < log.length; i++) {
                frontier.add(hash(log[i]));
            }
            List<ChainSeal> chains = new ArrayList<>();
            Duration pause = null;
            int end = lines.length - 1;
            if (lines[end - 1].startsWith("pause ")) {
                pause = Duration.parse(value(lines[end - 1], "pause"));
                end--;
            }
            for (int i = 7; i < end; i++) {
                String[] seal = value(lines[i], "chain").split(" ");
                if (seal.length != 5) {
                    throw new IllegalArgumentException("line " + (i + 1) + ": a chain line has five fields");
                }
                ChainSeal chain = new ChainSeal(
                        seal[0], Long.parseLong(seal[1]), Long.parseLong(seal[2]), hash(seal[3]), hash(seal[4]));
                if (chain.from() < 0 || chain.size() < chain.from()) {
                    throw new IllegalArgumentException("line " + (i + 1) + ": an interval ends before it starts");
                }
                if (!chains.isEmpty() && chains.get(chains.size() - 1).chain() >= chain.chain()) {
                    throw new IllegalArgumentException("line " + (i + 1) + ": chains are listed once each, in order");
                }
                chains.add(chain);
            }
            if (chains.isEmpty()) {
                throw new IllegalArgumentException("the checkpoint seals no chain");
            }
            Statement statement = new Statement(
                    index,
                    time,
                    interval,
                    keyId,
                    previous,
                    new MerkleFrontier(Long.parseLong(log[0]), frontier),
                    chains,
                    pause);
            if (!statement.text().equals(body)) {
                throw new IllegalArgumentException("the checkpoint's text is not in its canonical form");
            }
            return new SignedCheckpoint(statement, body, signature.clone());
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException("a checkpoint field is malformed: " + e.getMessage(), e);
        }
    }

    private static String value(String line, String name) {
        if (!line.startsWith(name + " ")) {
            throw new IllegalArgumentException("expected the line '" + name + " ...'");
        }
        return line.substring(name.length() + 1);
    }

    private static byte[] hash(String hex) {
        byte[] hash = HEX.parseHex(hex);
        if (hash.length != 32) {
            throw new IllegalArgumentException("a hash has 32 bytes, not " + hash.length);
        }
        return hash;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SignedCheckpoint that
                && body.equals(that.body)
                && Arrays.equals(signature, that.signature);
    }

    @Override
    public int hashCode() {
        return body.hashCode();
    }

    @Override
    public String toString() {
        return "checkpoint " + statement.index();
    }
}
