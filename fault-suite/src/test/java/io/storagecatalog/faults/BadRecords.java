package io.storagecatalog.faults;

import io.storagecatalog.common.event.RawRecord;
import io.storagecatalog.common.testing.CloudEventBuilder;
import io.storagecatalog.common.testing.TestEvents;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Records no worker may apply: broken JSON, wrong types, missing fields, unknown types, huge values,
 * invalid UTF-8, path and SQL metacharacters where the contract forbids them, clear passwords. Each
 * kind is named, so that a dead letter that did not arrive says which kind was lost.
 */
final class BadRecords {

    private static final String SQL = "1'; DROP TABLE storage_files; --";

    private final Random random;

    BadRecords(Random random) {
        this.random = random;
    }

    /** The kinds, each a record that the event contract must reject. */
    static final List<String> KINDS = List.of(
            "broken-json",
            "wrong-type",
            "missing-field",
            "unknown-type",
            "huge-value",
            "invalid-utf8",
            "path-traversal",
            "sql-in-uuid",
            "clear-password",
            "empty-value",
            // The poison the fuzz test found nastiest: well-formed, parsed, and once fatal to a worker.
            "time-beyond-9999",
            "time-before-1970",
            "time-from-the-future",
            "name-over-its-bytes",
            "unpaired-surrogate",
            "deep-json",
            "infinite-number",
            "size-over-1-pib",
            "large-and-invalid");

    RawRecord next() {
        String kind = KINDS.get(random.nextInt(KINDS.size()));
        return switch (kind) {
            case "broken-json" ->
                upload().structuredWithValue("{\"specversion\":\"1.0\",\"id\":".getBytes(StandardCharsets.UTF_8));
            case "wrong-type" -> upload().data("size", "12 MB").binary();
            case "missing-field" -> upload().without("filename").structured();
            case "unknown-type" -> upload().type("storage.file.explode").binary();
            case "huge-value" ->
                random.nextBoolean()
                        ? upload().data("filename", "x".repeat(200_000) + ".pdf")
                                .binary()
                        : upload().data("size", new java.math.BigInteger("1" + "0".repeat(40)))
                                .structured();
            case "invalid-utf8" ->
                upload().binaryWithValue(
                                join("{\"fileId\":\"files/", new byte[] {(byte) 0xC3, (byte) 0x28}, ".pdf\"}"));
            case "path-traversal" ->
                random.nextBoolean()
                        ? upload().data("filename", "../../etc/passwd").binary()
                        : upload().data("providerPath", "catalog/../../secrets/" + UUID.randomUUID())
                                .structured();
            case "sql-in-uuid" -> upload().data("userId", SQL).binary();
            case "clear-password" ->
                TestEvents.share().data("password", "hunter2").binary();
            case "empty-value" -> upload().binaryWithValue(new byte[0]);
            case "time-beyond-9999" -> upload().time("+10000-01-01T00:00:00Z").structured();
            case "time-before-1970" -> upload().time("-0001-01-01T00:00:00Z").binary();
            case "time-from-the-future" ->
                upload().time(java.time.Instant.now().plusSeconds(7200)).structured();
            // 1,024 characters of three bytes: 3,072 bytes, over an index row.
            case "name-over-its-bytes" ->
                upload().data("filename", "\u75c5".repeat(1024)).binary();
            case "unpaired-surrogate" ->
                upload().data("customMetadata", java.util.Map.of("note", "x\ud800y"))
                        .structured();
            case "deep-json" ->
                upload().structuredWithValue(withData(
                        upload(), "\"customMetadata\":" + "{\"n\":".repeat(40) + "1" + "}".repeat(40) + ","));
            case "infinite-number" -> upload().structuredWithValue(withData(upload(), "\"x\":1e400,"));
            case "size-over-1-pib" -> upload().data("size", (1L << 50) + 1).binary();
            case "large-and-invalid" ->
                upload().type("storage.file.explode")
                        .data("pad", "x".repeat(600_000))
                        .structured();
            default -> throw new IllegalStateException(kind);
        };
    }

    // The event's structured value with raw JSON put first into its data (what a builder cannot write).
    private static byte[] withData(CloudEventBuilder event, String rawFields) {
        String json = new String(event.structured().value(), StandardCharsets.UTF_8);
        return json.replaceFirst("\"data\":\\{", java.util.regex.Matcher.quoteReplacement("\"data\":{" + rawFields))
                .getBytes(StandardCharsets.UTF_8);
    }

    private static CloudEventBuilder upload() {
        return TestEvents.upload().id(UUID.randomUUID().toString());
    }

    private static byte[] join(String head, byte[] middle, String tail) {
        byte[] a = head.getBytes(StandardCharsets.UTF_8);
        byte[] c = tail.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[a.length + middle.length + c.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(middle, 0, all, a.length, middle.length);
        System.arraycopy(c, 0, all, a.length + middle.length, c.length);
        return all;
    }
}
