package io.storagecatalog.faults;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import io.storagecatalog.common.event.RawRecord;
import io.storagecatalog.common.testing.CloudEventBuilder;
import io.storagecatalog.common.testing.TestEvents;

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
    static final List<String> KINDS = List.of("broken-json", "wrong-type", "missing-field", "unknown-type",
            "huge-value", "invalid-utf8", "path-traversal", "sql-in-uuid", "clear-password", "empty-value");

    RawRecord next() {
        String kind = KINDS.get(random.nextInt(KINDS.size()));
        return switch (kind) {
            case "broken-json" -> upload().structuredWithValue("{\"specversion\":\"1.0\",\"id\":"
                    .getBytes(StandardCharsets.UTF_8));
            case "wrong-type" -> upload().data("size", "12 MB").binary();
            case "missing-field" -> upload().without("filename").structured();
            case "unknown-type" -> upload().type("storage.file.explode").binary();
            case "huge-value" -> random.nextBoolean()
                    ? upload().data("filename", "x".repeat(200_000) + ".pdf").binary()
                    : upload().data("size", new java.math.BigInteger("1" + "0".repeat(40))).structured();
            case "invalid-utf8" -> upload().binaryWithValue(join("{\"fileId\":\"files/", new byte[] { (byte) 0xC3,
                    (byte) 0x28 }, ".pdf\"}"));
            case "path-traversal" -> random.nextBoolean()
                    ? upload().data("filename", "../../etc/passwd").binary()
                    : upload().data("providerPath", "catalog/../../secrets/" + UUID.randomUUID()).structured();
            case "sql-in-uuid" -> upload().data("userId", SQL).binary();
            case "clear-password" -> TestEvents.share().data("password", "hunter2").binary();
            case "empty-value" -> upload().binaryWithValue(new byte[0]);
            default -> throw new IllegalStateException(kind);
        };
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
