package io.storagecatalog.common.audit;

import io.storagecatalog.common.audit.AuditChainRepository.Checkpoint;
import io.storagecatalog.common.s3.ObjectStore;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The object store's copies of the chain's checkpoints ({@code <bucket>/checkpoints/<seq>.json}):
 * what an attacker with database access alone cannot change.
 */
public class CheckpointStore {

    private static final String PREFIX = "checkpoints/";
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final ObjectStore store;
    private final String bucket;

    public CheckpointStore(ObjectStore store, String bucket) {
        this.store = store;
        this.bucket = bucket;
    }

    /** Writes the copy and returns where it is ({@code bucket/key}). */
    public String write(Checkpoint checkpoint) {
        store.ensureBucket(bucket);
        String key = PREFIX + String.format("%020d", checkpoint.seq()) + ".json";
        String json = JSON.createObjectNode()
                .put("seq", checkpoint.seq())
                .put("rowHash", HexFormat.of().formatHex(checkpoint.rowHash()))
                .put("rowCount", checkpoint.rowCount())
                .put("createdAt", checkpoint.createdAt().toString())
                .toString();
        store.put(bucket, key, json.getBytes(StandardCharsets.UTF_8), "application/json");
        return bucket + "/" + key;
    }

    /** Every checkpoint copy, oldest first. */
    public List<Checkpoint> readAll() {
        store.ensureBucket(bucket);
        List<Checkpoint> checkpoints = new ArrayList<>();
        for (String key : store.keys(bucket, PREFIX)) {
            JsonNode node = JSON.readTree(store.get(bucket, key));
            checkpoints.add(new Checkpoint(
                    node.get("seq").asLong(),
                    HexFormat.of().parseHex(node.get("rowHash").asString()),
                    node.get("rowCount").asLong(),
                    Instant.parse(node.get("createdAt").asString()),
                    bucket + "/" + key));
        }
        return checkpoints;
    }
}
