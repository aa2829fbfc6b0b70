package io.storagecatalog.common.jdbc;

import java.nio.charset.StandardCharsets;

/**
 * One row of {@code COPY ... TO STDOUT} text output (as pgjdbc's {@code CopyOut.readFromCopy} gives it),
 * read column by column from the left without copying: a column is a slice of the row's bytes, decoded
 * only when asked for.
 */
public final class CopyRow {

    private byte[] line;
    private int end;
    private int start;
    private int stop;

    /** Starts reading {@code line}; the row object is reused from row to row. */
    public CopyRow of(byte[] line) {
        this.line = line;
        int length = line.length;
        this.end = length > 0 && line[length - 1] == '\n' ? length - 1 : length;
        this.start = 0;
        this.stop = -1;
        return this;
    }

    /** Moves to the next column; an error when the row has no more. */
    public CopyRow next() {
        int from = stop + 1;
        if (from > end) {
            throw new IllegalArgumentException(
                    "COPY row has fewer columns than read: " + new String(line, 0, end, StandardCharsets.UTF_8));
        }
        int i = from;
        while (i < end && line[i] != '\t') {
            i++;
        }
        start = from;
        stop = i;
        return this;
    }

    public boolean isNull() {
        return stop - start == 2 && line[start] == '\\' && line[start + 1] == 'N';
    }

    /** The column as a whole number; an error names the column's text. */
    public long number() {
        if (isNull() || start == stop) {
            throw new IllegalArgumentException("COPY column '" + raw() + "': a number expected");
        }
        boolean negative = line[start] == '-';
        long value = 0;
        for (int i = negative ? start + 1 : start; i < stop; i++) {
            int digit = line[i] - '0';
            if (digit < 0 || digit > 9) {
                throw new IllegalArgumentException("COPY column '" + raw() + "': a number expected");
            }
            value = value * 10 + digit;
        }
        return negative ? -value : value;
    }

    /** The column's bytes as sent, escapes included: valid until the next row. */
    public byte[] bytes() {
        return line;
    }

    public int start() {
        return start;
    }

    public int stop() {
        return stop;
    }

    /** True when the column holds a backslash escape and must be decoded with {@link #text()}. */
    public boolean escaped() {
        for (int i = start; i < stop; i++) {
            if (line[i] == '\\') {
                return true;
            }
        }
        return false;
    }

    /** The column as text, null for {@code \N}, escapes decoded. */
    public String text() {
        if (isNull()) {
            return null;
        }
        return escaped() ? unescape() : new String(line, start, stop - start, StandardCharsets.UTF_8);
    }

    private String raw() {
        return new String(line, start, stop - start, StandardCharsets.UTF_8);
    }

    // The escapes COPY writes: \\, \t, \n, \r, \b, \f, \v, and octal or \x hex bytes of the encoding.
    private String unescape() {
        byte[] out = new byte[stop - start];
        int length = 0;
        for (int i = start; i < stop; i++) {
            byte b = line[i];
            if (b != '\\' || i + 1 == stop) {
                out[length++] = b;
                continue;
            }
            byte next = line[++i];
            switch (next) {
                case 't' -> out[length++] = '\t';
                case 'n' -> out[length++] = '\n';
                case 'r' -> out[length++] = '\r';
                case 'b' -> out[length++] = '\b';
                case 'f' -> out[length++] = '\f';
                case 'v' -> out[length++] = 0x0b;
                case 'x' -> {
                    int value = 0;
                    int digits = 0;
                    while (digits < 2 && i + 1 < stop && Character.digit(line[i + 1], 16) >= 0) {
                        value = value * 16 + Character.digit(line[++i], 16);
                        digits++;
                    }
                    out[length++] = digits == 0 ? (byte) 'x' : (byte) value;
                }
                default -> {
                    if (next >= '0' && next <= '7') {
                        int value = next - '0';
                        for (int digits = 1;
                                digits < 3 && i + 1 < stop && line[i + 1] >= '0' && line[i + 1] <= '7';
                                digits++) {
                            value = value * 8 + (line[++i] - '0');
                        }
                        out[length++] = (byte) value;
                    } else {
                        out[length++] = next;
                    }
                }
            }
        }
        return new String(out, 0, length, StandardCharsets.UTF_8);
    }
}
