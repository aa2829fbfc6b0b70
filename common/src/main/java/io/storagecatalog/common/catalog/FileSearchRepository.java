package io.storagecatalog.common.catalog;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/** {@code listFiles} over {@code storage_files}: a page of a filter in its order, and the capped count. */
public class FileSearchRepository {

    private static final String COLUMNS = FileRows.COLUMNS;

    private final JdbcTemplate jdbc;

    public FileSearchRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One page of files matching the filter, in the filter's order, with keyset pagination (the cursor
     * is the last row's sort key and id). Built from fixed SQL fragments with bind parameters only;
     * search text is matched literally (LIKE wildcards and backslashes in it are escaped) through the
     * trigram indexes. No count: a page walks an index in its order and stops at the page's end, while a
     * count must visit every match ({@link #count}, on demand).
     */
    public FilePage list(FileFilter filter) {
        FileSelection selection = FileSelection.of(filter);
        FileSortKey key = FileSortKey.of(filter.sort());
        StringBuilder page = new StringBuilder(selection.where());
        List<Object> args = new java.util.ArrayList<>(selection.args());
        if (filter.cursor() != null) {
            FileCursor cursor = FileCursor.decode(filter.cursor());
            page.append(" AND (")
                    .append(key.column)
                    .append(", f.id) ")
                    .append(key.descending ? "<" : ">")
                    .append(" (?, ?)");
            args.add(key.parse(cursor.value()));
            args.add(cursor.id());
        }
        String direction = key.descending ? " DESC" : " ASC";
        String sql = "SELECT " + COLUMNS + " FROM storage_files f" + page + " ORDER BY " + key.column + direction
                + ", f.id" + direction + " LIMIT ?";
        args.add(filter.limit() + 1);
        List<FileRow> rows = jdbc.query(sql, (rs, n) -> FileRows.map(rs), args.toArray());
        String next = null;
        if (rows.size() > filter.limit()) {
            rows = rows.subList(0, filter.limit());
            FileRow last = rows.get(rows.size() - 1);
            next = new FileCursor(key.valueOf(last), last.id()).encode();
        }
        return new FilePage(List.copyOf(rows), next);
    }

    /**
     * How many files match the filter (its cursor, sort and page size aside): exact up to
     * {@value FilePageLimits#COUNT_CAP}, above that the cap as a lower bound. Counting stops after
     * {@code COUNT_CAP + 1} matches: an exact count of millions would cost more than the page.
     */
    public FileCount count(FileFilter filter) {
        FileSelection selection = FileSelection.of(filter);
        long counted = jdbc.queryForObject(
                "SELECT count(*) FROM (SELECT 1 FROM storage_files f" + selection.where() + " LIMIT "
                        + (FilePageLimits.COUNT_CAP + 1) + ") capped",
                Long.class,
                selection.args().toArray());
        return new FileCount(Math.min(counted, FilePageLimits.COUNT_CAP), counted <= FilePageLimits.COUNT_CAP);
    }
}
