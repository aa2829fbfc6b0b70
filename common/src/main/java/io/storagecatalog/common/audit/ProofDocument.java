package io.storagecatalog.common.audit;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Proofs as self-contained JSON documents, and their verification with nothing but public keys: the
 * checkpoint's text and signature travel inside, and an inclusion proof carries the row, whose hash is
 * recomputed from its content.
 */
public final class ProofDocument {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final HexFormat HEX = HexFormat.of();

    private ProofDocument() {}

    /** The outcome of checking a proof. */
    public record Check(boolean valid, String detail) {}

    public static ObjectNode json(AuditProofs.Inclusion proof) {
        ObjectNode node = JSON.createObjectNode();
        node.put("proof", "inclusion");
        node.set("row", AuditRowJson.toJson(proof.row()));
        node.put("leafIndex", proof.leafIndex());
        node.put("treeSize", proof.treeSize());
        node.set("path", path(proof.path()));
        node.set("checkpoint", checkpoint(proof.checkpoint()));
        return node;
    }

    public static ObjectNode json(AuditProofs.Consistency proof) {
        ObjectNode node = JSON.createObjectNode();
        node.put("proof", "consistency");
        node.set("older", checkpoint(proof.older()));
        node.set("newer", checkpoint(proof.newer()));
        node.set("path", path(proof.path()));
        return node;
    }

    public static ObjectNode checkpoint(SignedCheckpoint checkpoint) {
        return JSON.createObjectNode()
                .put("checkpoint", checkpoint.body())
                .put("signature", Base64.getEncoder().encodeToString(checkpoint.signature()));
    }

    /** Verifies a proof document with the given public keys. */
    public static Check verify(String document, List<PublicKey> publicKeys) {
        Map<String, PublicKey> keys = new HashMap<>();
        publicKeys.forEach(key -> keys.put(AuditKeys.keyId(key), key));
        try {
            JsonNode node = JSON.readTree(document);
            return switch (node.path("proof").asString("")) {
                case "inclusion" -> inclusion(node, keys);
                case "consistency" -> consistency(node, keys);
                default -> new Check(false, "proof: must be inclusion or consistency");
            };
        } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
            return new Check(false, "the proof is malformed: " + e.getMessage());
        }
    }

    private static Check inclusion(JsonNode node, Map<String, PublicKey> keys) {
        SignedCheckpoint checkpoint = parse(node.get("checkpoint"));
        String signature = signature(checkpoint, keys);
        if (signature != null) {
            return new Check(false, signature);
        }
        AuditRow row = AuditRowJson.fromJson(node.get("row"));
        if (!Arrays.equals(AuditHashing.hash(row.prevHash(), row), row.rowHash())) {
            return new Check(false, "row: its content does not match its hash");
        }
        SignedCheckpoint.ChainSeal seal =
                checkpoint.statement().chain(row.chain()).orElse(null);
        if (seal == null) {
            return new Check(false, "row.chain: checkpoint " + checkpoint.index() + " seals no chain " + row.chain());
        }
        long leaf = node.get("leafIndex").asLong();
        long size = node.get("treeSize").asLong();
        if (size != seal.rows() || row.seq() != seal.from() + 1 + leaf) {
            return new Check(false, "leafIndex, treeSize: not the row's place in the checkpoint's interval");
        }
        if (!MerkleTree.verifyInclusion(leaf, size, MerkleTree.leafHash(row.rowHash()), path(node), seal.root())) {
            return new Check(false, "path: does not lead to the Merkle root of checkpoint " + checkpoint.index());
        }
        return new Check(
                true,
                "audit row " + row.seq() + " of chain " + row.chain() + " is in the trail sealed by signed checkpoint "
                        + checkpoint.index() + " (" + checkpoint.statement().time() + ")");
    }

    private static Check consistency(JsonNode node, Map<String, PublicKey> keys) {
        SignedCheckpoint older = parse(node.get("older"));
        SignedCheckpoint newer = parse(node.get("newer"));
        for (SignedCheckpoint checkpoint : List.of(older, newer)) {
            String signature = signature(checkpoint, keys);
            if (signature != null) {
                return new Check(false, signature);
            }
        }
        MerkleFrontier log = newer.statement().log();
        if (older.index() >= newer.index() || log.size() != newer.index() - 1) {
            return new Check(false, "older, newer: the older checkpoint must come first");
        }
        if (!MerkleTree.verifyInclusion(
                older.index() - 1, log.size(), MerkleTree.leafHash(older.digest()), path(node), log.root())) {
            return new Check(
                    false, "path: checkpoint " + newer.index() + " does not extend checkpoint " + older.index());
        }
        return new Check(true, "signed checkpoint " + newer.index() + " extends signed checkpoint " + older.index());
    }

    private static String signature(SignedCheckpoint checkpoint, Map<String, PublicKey> keys) {
        PublicKey key = keys.get(checkpoint.statement().keyId());
        if (key == null) {
            return "checkpoint " + checkpoint.index() + ": signed by a key not given ("
                    + checkpoint.statement().keyId() + ")";
        }
        return checkpoint.signedBy(key) ? null : "checkpoint " + checkpoint.index() + ": the signature does not verify";
    }

    private static SignedCheckpoint parse(JsonNode node) {
        return SignedCheckpoint.parse(
                node.get("checkpoint").asString(),
                Base64.getDecoder().decode(node.get("signature").asString()));
    }

    private static ArrayNode path(List<byte[]> path) {
        ArrayNode array = JSON.createArrayNode();
        path.forEach(node -> array.add(HEX.formatHex(node)));
        return array;
    }

    private static List<byte[]> path(JsonNode node) {
        List<byte[]> path = new ArrayList<>();
        node.get("path").forEach(element -> path.add(HEX.parseHex(element.asString())));
        return path;
    }
}
