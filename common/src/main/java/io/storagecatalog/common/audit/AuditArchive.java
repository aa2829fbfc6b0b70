package io.storagecatalog.common.audit;

import io.storagecatalog.common.s3.ObjectStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Archived audit segments in the object store: {@code audit-archive/<first>-<last>.ndjson.gz} for chain 0,
 * {@code audit-archive/chain-<n>/<first>-<last>.ndjson.gz} for chain n (one row a line, every column, hashes in hex) and its manifest {@code .manifest.json} (row range, row
 * count, the hash the first row links to, the last row's hash, SHA-256 of the segment). A segment can
 * be verified on its own: its checksum, and the chain inside it from the manifest's first link. A segment
 * holds whole checkpoint intervals; its manifest names the signed checkpoint its last row ends (index and
 * digest) and is signed with the audit signing key ({@code .manifest.sig}, base64). Every object is written
 * create-only.
 */
public class AuditArchive {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final HexFormat HEX = HexFormat.of();
    private static final String PREFIX = "audit-archive/";

    private final ObjectStore store;
    private final String bucket;
    private final AuditSigner signer;

    /** @param signer signs the manifests; null where archives are only read */
    public AuditArchive(ObjectStore store, String bucket, AuditSigner signer) {
        this.store = store;
        this.bucket = bucket;
        this.signer = signer;
    }

    /**
     * A manifest as stored, with its signature checked against the given keys.
     *
     * @param checkpointIndex the signed checkpoint whose interval the segment's last row ends
     */
    public record SignedManifest(
            String key,
            int chain,
            long firstSeq,
            long lastSeq,
            byte[] lastRowHash,
            long checkpointIndex,
            byte[] checkpointDigest,
            boolean signatureValid) {}

    /** What describes a stored segment. */
    public record Manifest(
            int chain,
            long firstSeq,
            long lastSeq,
            long rowCount,
            byte[] firstPrevHash,
            byte[] lastRowHash,
            String sha256,
            String segmentKey) {}

    /** The result of verifying a stored segment on its own. */
    public record SegmentCheck(boolean intact, String detail) {}

    /**
     * Archives consecutive chain rows, whole checkpoint intervals ending where {@code sealedBy} ends, and
     * verifies the upload; returns the manifest's key.
     */
    public String archive(List<AuditRow> rows, SignedCheckpoint sealedBy) {
        if (signer == null) {
            throw new IllegalStateException("archiving needs the audit signing key (" + AuditSigner.SETTING + ")");
        }
        AuditRow first = rows.get(0);
        AuditRow last = rows.get(rows.size() - 1);
        byte[] segment = gzip(rows);
        String name = PREFIX
                + (first.chain() == 0 ? "" : "chain-" + first.chain() + "/")
                + String.format("%020d-%020d", first.seq(), last.seq());
        Manifest manifest = new Manifest(
                first.chain(),
                first.seq(),
                last.seq(),
                rows.size(),
                first.prevHash(),
                last.rowHash(),
                sha256(segment),
                name + ".ndjson.gz");
        store.ensureBucket(bucket);
        createOnly(manifest.segmentKey(), segment, "application/gzip");
        String manifestKey = name + ".manifest.json";
        byte[] manifestJson = manifestJson(manifest, sealedBy);
        createOnly(manifestKey, manifestJson, "application/json");
        createOnly(name + ".manifest.sig", Base64.getEncoder().encode(signer.sign(manifestJson)), "text/plain");
        // The rows are deleted only after the store demonstrably holds them, byte for byte.
        if (!sha256(store.get(bucket, manifest.segmentKey())).equals(manifest.sha256())) {
            throw new IllegalStateException("archived segment " + manifest.segmentKey() + " does not read back intact");
        }
        return bucket + "/" + manifestKey;
    }

    /** Verifies a stored segment on its own: checksum, row count, and the chain from the manifest's link. */
    public SegmentCheck verify(String manifestKey) {
        JsonNode m = JSON.readTree(store.get(bucket, manifestKey));
        byte[] segment = store.get(bucket, m.get("segmentKey").asString());
        if (!sha256(segment).equals(m.get("sha256").asString())) {
            return new SegmentCheck(false, "the segment's SHA-256 differs from its manifest");
        }
        byte[] previous = HEX.parseHex(m.get("firstPrevHash").asString());
        long expectedSeq = m.get("firstSeq").asLong();
        int chain = m.path("chain").asInt(0);
        long count = 0;
        for (String line : gunzip(segment).split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            AuditRow row = AuditRowJson.fromJson(JSON.readTree(line));
            if (row.seq() != expectedSeq
                    || row.chain() != chain
                    || !Arrays.equals(row.prevHash(), previous)
                    || !Arrays.equals(AuditHashing.hash(previous, row), row.rowHash())) {
                return new SegmentCheck(
                        false, "row " + row.seq() + " does not verify (expected position " + expectedSeq + ")");
            }
            previous = row.rowHash();
            expectedSeq++;
            count++;
        }
        if (count != m.get("rowCount").asLong()
                || !Arrays.equals(previous, HEX.parseHex(m.get("lastRowHash").asString()))) {
            return new SegmentCheck(false, "the segment ends differently from its manifest");
        }
        return new SegmentCheck(true, count + " rows verify");
    }

    private static byte[] gzip(List<AuditRow> rows) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            for (AuditRow row : rows) {
                out.write(JSON.writeValueAsBytes(AuditRowJson.toJson(row)));
                out.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static String gunzip(byte[] segment) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(segment))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("segment is not valid gzip", e);
        }
    }

    /** Every manifest in the store, by chain and in the order of their ranges, each signature checked with the keys. */
    public List<SignedManifest> manifests(java.util.Map<String, PublicKey> keys) {
        List<SignedManifest> manifests = new java.util.ArrayList<>();
        if (!store.bucketExists(bucket)) {
            return manifests;
        }
        for (String key : store.keys(bucket, PREFIX)) {
            if (!key.endsWith(".manifest.json")) {
                continue;
            }
            byte[] bytes = store.get(bucket, key);
            JsonNode m = JSON.readTree(bytes);
            PublicKey publicKey = keys.get(m.path("keyId").asString(""));
            boolean valid;
            try {
                byte[] signature =
                        Base64.getDecoder().decode(store.get(bucket, key.replace(".manifest.json", ".manifest.sig")));
                valid = publicKey != null && AuditKeys.verify(publicKey, bytes, signature);
            } catch (RuntimeException e) {
                valid = false;
            }
            manifests.add(new SignedManifest(
                    key,
                    m.path("chain").asInt(0),
                    m.path("firstSeq").asLong(),
                    m.path("lastSeq").asLong(),
                    HEX.parseHex(m.path("lastRowHash").asString("")),
                    m.path("checkpointIndex").asLong(-1),
                    HEX.parseHex(m.path("checkpointDigest").asString("")),
                    valid));
        }
        manifests.sort(
                java.util.Comparator.comparingInt(SignedManifest::chain).thenComparingLong(SignedManifest::firstSeq));
        return manifests;
    }

    private void createOnly(String key, byte[] content, String type) {
        if (!store.putIfAbsent(bucket, key, content, type, null) && !Arrays.equals(store.get(bucket, key), content)) {
            throw new IllegalStateException(
                    "the object store holds another " + bucket + "/" + key + "; archives are never overwritten");
        }
    }

    private byte[] manifestJson(Manifest manifest, SignedCheckpoint sealedBy) {
        return JSON.writeValueAsBytes(JSON.createObjectNode()
                .put("checkpointIndex", sealedBy.index())
                .put("checkpointDigest", HEX.formatHex(sealedBy.digest()))
                .put("keyId", signer.keyId())
                .put("chain", manifest.chain())
                .put("firstSeq", manifest.firstSeq())
                .put("lastSeq", manifest.lastSeq())
                .put("rowCount", manifest.rowCount())
                .put("firstPrevHash", HEX.formatHex(manifest.firstPrevHash()))
                .put("lastRowHash", HEX.formatHex(manifest.lastRowHash()))
                .put("sha256", manifest.sha256())
                .put("segmentKey", manifest.segmentKey()));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
