package io.storagecatalog.common.stats;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * One String per distinct UTF-8 value read: the ids, MIME categories and classifications of a day's
 * operations repeat across millions of rows, so each is decoded once and then found by its bytes; the
 * groups keyed by them hash and compare one instance. Cleared by its owner to bound its memory.
 */
final class TextDictionary {

    private final Map<Utf8, String> texts = new HashMap<>();
    private final Utf8 probe = new Utf8();

    /** The text of {@code utf8}, the same instance for the same bytes until {@link #clear()}; null for null. */
    String text(byte[] utf8) {
        if (utf8 == null) {
            return null;
        }
        probe.bytes = utf8;
        probe.hash = Arrays.hashCode(utf8);
        String text = texts.get(probe);
        if (text == null) {
            text = new String(utf8, StandardCharsets.UTF_8);
            Utf8 key = new Utf8();
            key.bytes = utf8;
            key.hash = probe.hash;
            texts.put(key, text);
        }
        return text;
    }

    void clear() {
        texts.clear();
    }

    // The probe is reused for look-ups; a stored key is never changed after it is put.
    private static final class Utf8 {
        byte[] bytes;
        int hash;

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Utf8 that && hash == that.hash && Arrays.equals(bytes, that.bytes);
        }
    }
}
