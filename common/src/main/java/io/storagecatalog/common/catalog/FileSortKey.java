package io.storagecatalog.common.catalog;

/** The sort column of each order; its values travel in the cursor as text. */
enum FileSortKey {
    CREATED_DESC("f.created_at", true),
    CREATED_ASC("f.created_at", false),
    NAME("f.filename", false),
    SIZE_DESC("f.size", true);

    final String column;
    final boolean descending;

    FileSortKey(String column, boolean descending) {
        this.column = column;
        this.descending = descending;
    }

    static FileSortKey of(FileFilter.FileSort sort) {
        return switch (sort) {
            case NEWEST -> CREATED_DESC;
            case OLDEST -> CREATED_ASC;
            case NAME -> NAME;
            case LARGEST -> SIZE_DESC;
        };
    }

    String valueOf(FileRow row) {
        return switch (this) {
            case CREATED_DESC, CREATED_ASC -> row.createdAt().toString();
            case NAME -> row.filename();
            case SIZE_DESC -> Long.toString(row.size());
        };
    }

    Object parse(String value) {
        return switch (this) {
            case CREATED_DESC, CREATED_ASC -> java.sql.Timestamp.from(java.time.Instant.parse(value));
            case NAME -> value;
            case SIZE_DESC -> Long.parseLong(value);
        };
    }
}
