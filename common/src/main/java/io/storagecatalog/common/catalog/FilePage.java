package io.storagecatalog.common.catalog;

import java.util.List;

/**
 * A page of {@code listFiles}.
 *
 * @param nextCursor   where the next page starts, or null on the last page
 * @param total        how many files match; exact when {@code totalExact}, otherwise a lower bound
 *                     ({@value FilePageLimits#COUNT_CAP} and more: counting further is not worth its cost)
 */
public record FilePage(List<FileRow> files, String nextCursor, long total, boolean totalExact) {
}
