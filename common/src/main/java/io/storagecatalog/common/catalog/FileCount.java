package io.storagecatalog.common.catalog;

/**
 * How many files a {@code listFiles} filter selects.
 *
 * @param count how many match; exact when {@code exact}, otherwise a lower bound
 *              ({@value FilePageLimits#COUNT_CAP} and more: counting further is not worth its cost)
 */
public record FileCount(long count, boolean exact) {}
