package io.storagecatalog.common.catalog;

import java.util.List;

/**
 * The conditions of a filter: a WHERE clause of fixed fragments and its bind parameters, in order. Never
 * user input in the SQL text: every value a filter carries is a bind parameter.
 */
record FileSelection(String where, List<Object> args) {

    static FileSelection of(FileFilter filter) {
        StringBuilder where = new StringBuilder(" WHERE true");
        List<Object> args = new java.util.ArrayList<>();
        if (filter.ownerId() != null) {
            where.append(" AND f.created_by = ?");
            args.add(filter.ownerId());
        }
        if (filter.mimeType() != null) {
            if (filter.mimeType().endsWith("/")) {
                where.append(" AND f.mime_type LIKE ?");
                args.add(likeEscape(filter.mimeType()) + "%");
            } else {
                where.append(" AND f.mime_type = ?");
                args.add(filter.mimeType());
            }
        }
        if (filter.classification() != null) {
            where.append(" AND f.data_classification = ?");
            args.add(filter.classification());
        }
        if (filter.status() != null) {
            where.append(" AND f.status = ?");
            args.add(filter.status());
        } else if (!filter.includeDeleted()) {
            where.append(" AND f.status <> 'deleted'");
        }
        if (!filter.tags().isEmpty()) {
            where.append(" AND f.tags @> ?::jsonb");
            args.add(Json.array(filter.tags()));
        }
        if (filter.createdFrom() != null) {
            where.append(" AND f.created_at >= ?");
            args.add(java.sql.Timestamp.from(filter.createdFrom()));
        }
        if (filter.createdTo() != null) {
            where.append(" AND f.created_at < ?");
            args.add(java.sql.Timestamp.from(filter.createdTo()));
        }
        if (filter.search() != null && !filter.search().isBlank()) {
            // The names' trigram index (V9: the owner first, then the names joined by '/') serves the
            // first condition, with or without an owner; the second keeps out a match that spans the
            // two names.
            String pattern = "%" + likeEscape(filter.search()) + "%";
            where.append(" AND (f.filename || '/' || f.original_name) ILIKE ? ESCAPE '\\'"
                    + " AND (f.filename ILIKE ? ESCAPE '\\' OR f.original_name ILIKE ? ESCAPE '\\')");
            args.add(pattern);
            args.add(pattern);
            args.add(pattern);
        }
        return new FileSelection(where.toString(), List.copyOf(args));
    }

    // LIKE's wildcards and its escape character, matched literally.
    static String likeEscape(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
