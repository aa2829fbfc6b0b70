package io.storagecatalog.common.catalog;

import java.util.List;

/**
 * A page of {@code listFiles}. It carries no total: counting visits every match, the page only its own
 * rows; {@code countFiles} counts on demand.
 *
 * @param nextCursor where the next page starts, or null on the last page
 */
public record FilePage(List<FileRow> files, String nextCursor) {}
