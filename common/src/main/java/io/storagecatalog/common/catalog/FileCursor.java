package io.storagecatalog.common.catalog;

/** An opaque position: the last row's sort value and id, base64url-encoded. */
record FileCursor(String value, java.util.UUID id) {
    String encode() {
        return java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((id + "|" + value).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    static FileCursor decode(String cursor) {
        try {
            String text = new String(
                    java.util.Base64.getUrlDecoder().decode(cursor), java.nio.charset.StandardCharsets.UTF_8);
            int bar = text.indexOf('|');
            return new FileCursor(text.substring(bar + 1), java.util.UUID.fromString(text.substring(0, bar)));
        } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("cursor: not a cursor of listFiles", e);
        }
    }
}
