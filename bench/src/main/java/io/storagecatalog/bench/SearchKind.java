package io.storagecatalog.bench;

import io.storagecatalog.common.catalog.FileFilter;
import io.storagecatalog.common.catalog.FileFilter.FileSort;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The kinds of {@code listFiles} calls the search probe times: a user's own screens (newest first, the
 * next page, a name search, a tag, images by name, largest first, recent files) and the views across
 * owners that an administration screen asks for. Pages of 50, the default page of the API.
 * {@code FileFilter} has no organization or project filter, so there is no such kind.
 */
enum SearchKind {
    OWNER_NEWEST("owner, newest first"),
    OWNER_NEXT_PAGE("owner, next page (keyset cursor)"),
    OWNER_SEARCH("owner + name search"),
    OWNER_TAG("owner + tag"),
    OWNER_IMAGES_BY_NAME("owner + MIME image/, by name"),
    OWNER_LARGEST("owner, largest first"),
    OWNER_LAST_30_DAYS("owner, created in the last 30 days"),
    ANY_OWNER_SEARCH("any owner + name search"),
    ANY_OWNER_TAG("any owner + tag"),
    ANY_OWNER_RESTRICTED("any owner, classification restricted");

    static final int PAGE = 50;

    final String label;

    SearchKind(String label) {
        this.label = label;
    }

    /** What one call asks: an owner, a text to search, a tag, and the time it runs at. */
    record Draw(UUID owner, String text, String tag, Instant now) {}

    /** The first page this kind asks for (a next page continues from it with a cursor). */
    FileFilter filter(Draw draw) {
        return switch (this) {
            case OWNER_NEWEST, OWNER_NEXT_PAGE ->
                filter(draw.owner(), null, null, List.of(), null, null, FileSort.NEWEST);
            case OWNER_SEARCH -> filter(draw.owner(), null, null, List.of(), null, draw.text(), FileSort.NEWEST);
            case OWNER_TAG -> filter(draw.owner(), null, null, List.of(draw.tag()), null, null, FileSort.NEWEST);
            case OWNER_IMAGES_BY_NAME -> filter(draw.owner(), "image/", null, List.of(), null, null, FileSort.NAME);
            case OWNER_LARGEST -> filter(draw.owner(), null, null, List.of(), null, null, FileSort.LARGEST);
            case OWNER_LAST_30_DAYS ->
                filter(
                        draw.owner(),
                        null,
                        null,
                        List.of(),
                        draw.now().minus(Duration.ofDays(30)),
                        null,
                        FileSort.NEWEST);
            case ANY_OWNER_SEARCH -> filter(null, null, null, List.of(), null, draw.text(), FileSort.NEWEST);
            case ANY_OWNER_TAG -> filter(null, null, null, List.of(draw.tag()), null, null, FileSort.NEWEST);
            case ANY_OWNER_RESTRICTED -> filter(null, null, "restricted", List.of(), null, null, FileSort.NEWEST);
        };
    }

    private static FileFilter filter(
            UUID owner,
            String mimeType,
            String classification,
            List<String> tags,
            Instant createdFrom,
            String search,
            FileSort sort) {
        return new FileFilter(
                owner, mimeType, classification, null, false, tags, createdFrom, null, search, sort, PAGE, null);
    }
}
