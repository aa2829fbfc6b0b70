package io.storagecatalog.jobs.statistics;

import io.storagecatalog.common.jdbc.CopyRow;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * One String per distinct value read: the ids, MIME categories and classifications of a day's
 * operations repeat across millions of rows, so each is decoded once and then found by its bytes as
 * received; the groups keyed by them hash and compare one instance. Cleared by its owner to bound its
 * memory.
 */
final class TextDictionary {

    private final Map<Utf8, String> texts = new HashMap<>();
    private final Utf8 probe = new Utf8();

    /** The text of the row's current column, the same instance for the same bytes until {@link #clear()}. */
    String text(CopyRow column) {
        if (column.isNull()) {
            return null;
        }
        if (column.escaped()) {
            // Rare (a tab, a newline or a backslash in an id): decoded each time, then made the one instance.
            String text = column.text();
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            return canonical(utf8, 0, utf8.length, text);
        }
        return canonical(column.bytes(), column.start(), column.stop(), null);
    }

    void clear() {
        texts.clear();
    }

    private String canonical(byte[] bytes, int from, int to, String decoded) {
        probe.set(bytes, from, to);
        String text = texts.get(probe);
        if (text == null) {
            text = decoded != null ? decoded : new String(bytes, from, to - from, StandardCharsets.UTF_8);
            Utf8 key = new Utf8();
            key.set(Arrays.copyOfRange(bytes, from, to), 0, to - from);
            texts.put(key, text);
        }
        return text;
    }

    // The probe is reused for look-ups (a slice of a row); a stored key owns its bytes and never changes.
    private static final class Utf8 {
        byte[] bytes;
        int from;
        int to;
        int hash;

        void set(byte[] bytes, int from, int to) {
            this.bytes = bytes;
            this.from = from;
            this.to = to;
            int h = 1;
            for (int i = from; i < to; i++) {
                h = 31 * h + bytes[i];
            }
            this.hash = h;
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Utf8 that
                    && hash == that.hash
                    && Arrays.equals(bytes, from, to, that.bytes, that.from, that.to);
        }
    }
}
