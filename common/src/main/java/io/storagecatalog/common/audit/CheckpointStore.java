package io.storagecatalog.common.audit;

import io.storagecatalog.common.s3.ObjectStore;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The object store's copies of the signed checkpoints, {@code <bucket>/signed-checkpoints/<index>.json}
 * (the statement's text and its signature), and the public keys that verify them,
 * {@code signed-checkpoints/keys/<key id>.pem}. Every object is written create-only, and locked in
 * compliance mode when a retention is set: a copy once written is never replaced by this code.
 */
public class CheckpointStore {

    static final String PREFIX = "signed-checkpoints/";
    private static final String KEYS = PREFIX + "keys/";
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final ObjectStore store;
    private final String bucket;
    private final Duration retention;

    /**
     * @param retention how long the store must keep each copy (Object Lock, compliance mode), or null
     */
    public CheckpointStore(ObjectStore store, String bucket, Duration retention) {
        this.store = store;
        this.bucket = bucket;
        this.retention = retention;
    }

    /** A copy as read back: the checkpoint, or why it cannot be read. */
    public record StoredCheckpoint(String key, long index, SignedCheckpoint checkpoint, String problem) {}

    public static String key(long index) {
        return PREFIX + String.format("%020d", index) + ".json";
    }

    /**
     * Writes the copy unless it is there already; returns where it is ({@code bucket/key}).
     *
     * @throws IllegalStateException when the key holds another checkpoint: the evidence was tampered with
     */
    public String write(SignedCheckpoint checkpoint) {
        store.ensureBucket(bucket);
        String key = key(checkpoint.index());
        byte[] copy = JSON.createObjectNode()
                .put("checkpoint", checkpoint.body())
                .put("signature", Base64.getEncoder().encodeToString(checkpoint.signature()))
                .toString()
                .getBytes(StandardCharsets.UTF_8);
        if (!store.putIfAbsent(bucket, key, copy, "application/json", retainUntil())
                && !Arrays.equals(store.get(bucket, key), copy)) {
            throw new IllegalStateException("the object store holds another checkpoint " + checkpoint.index() + " at "
                    + bucket + "/" + key + "; it is never overwritten");
        }
        return bucket + "/" + key;
    }

    /** Publishes the public key beside the checkpoints (create-only). */
    public void publish(PublicKey key) {
        store.ensureBucket(bucket);
        store.putIfAbsent(
                bucket,
                KEYS + AuditKeys.keyId(key) + ".pem",
                AuditKeys.publicKeyPem(key).getBytes(StandardCharsets.US_ASCII),
                "application/x-pem-file",
                retainUntil());
    }

    /** Every checkpoint copy in the order of their keys (their index), readable or not. */
    public List<StoredCheckpoint> readAll() {
        List<StoredCheckpoint> copies = new ArrayList<>();
        if (!store.bucketExists(bucket)) {
            return copies;
        }
        for (String key : store.keys(bucket, PREFIX)) {
            if (!key.startsWith(KEYS)) {
                copies.add(read(key));
            }
        }
        return copies;
    }

    private StoredCheckpoint read(String key) {
        long index = indexOf(key);
        try {
            JsonNode node = JSON.readTree(store.get(bucket, key));
            SignedCheckpoint checkpoint = SignedCheckpoint.parse(
                    node.path("checkpoint").asString(""),
                    Base64.getDecoder().decode(node.path("signature").asString("")));
            return new StoredCheckpoint(bucket + "/" + key, index, checkpoint, null);
        } catch (JacksonException | IllegalArgumentException e) {
            return new StoredCheckpoint(bucket + "/" + key, index, null, "unreadable: " + e.getMessage());
        }
    }

    private static long indexOf(String key) {
        String name = key.substring(PREFIX.length()).replace(".json", "");
        try {
            return Long.parseLong(name);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private ZonedDateTime retainUntil() {
        return retention == null || retention.isZero()
                ? null
                : ZonedDateTime.now(ZoneOffset.UTC).plus(retention);
    }
}
