package io.storagecatalog.common.jdbc;

/** Values in PostgreSQL's COPY text format: columns separated by tabs, {@code \N} for null, backslash escapes. */
public final class CopyText {

    private CopyText() {}

    /** Appends {@code text} escaped as a COPY text value. */
    public static void escape(StringBuilder out, String text) {
        for (int c = 0; c < text.length(); c++) {
            char ch = text.charAt(c);
            switch (ch) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(ch);
            }
        }
    }

    /** Appends a value, {@code \N} for null. */
    public static void value(StringBuilder out, String text) {
        if (text == null) {
            out.append("\\N");
        } else {
            escape(out, text);
        }
    }
}
