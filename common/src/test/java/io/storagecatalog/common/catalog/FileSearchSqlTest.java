package io.storagecatalog.common.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.storagecatalog.common.catalog.FileFilter.FileSort;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The SQL and cursors of {@code listFiles}, without a database: what a filter turns into. */
@Tag("unit")
class FileSearchSqlTest {

    private static final UUID OWNER = UUID.fromString("00000000-0000-0000-0000-0000000000aa");

    @Test
    void anEmptyFilterHidesDeletedFilesAndBindsNothing() {
        FileSelection selection = FileSelection.of(filter(null, null, null, false, List.of(), null));

        assertThat(selection.where()).isEqualTo(" WHERE true AND f.status <> 'deleted'");
        assertThat(selection.args()).isEmpty();
    }

    @Test
    void everyValueIsABindParameterInTheOrderOfItsPlaceholder() {
        Instant from = Instant.parse("2026-01-01T00:00:00Z");
        FileSelection selection = FileSelection.of(new FileFilter(
                OWNER,
                "image/png",
                "restricted",
                "archived",
                false,
                List.of("x-ray"),
                from,
                null,
                "O'Brien; DROP TABLE",
                FileSort.NEWEST,
                10,
                null));

        assertThat(selection.where())
                .doesNotContain("O'Brien")
                .doesNotContain("image/png")
                .doesNotContain("x-ray");
        assertThat(selection.where().chars().filter(c -> c == '?').count())
                .isEqualTo(selection.args().size());
        assertThat(selection.args())
                .containsExactly(
                        OWNER,
                        "image/png",
                        "restricted",
                        "archived",
                        "[\"x-ray\"]",
                        Timestamp.from(from),
                        "%O'Brien; DROP TABLE%",
                        "%O'Brien; DROP TABLE%",
                        "%O'Brien; DROP TABLE%");
    }

    @Test
    void aMimeTypeEndingWithASlashIsAPrefixMatchedLiterally() {
        FileSelection selection = FileSelection.of(filter("ima_e%/", null, null, false, List.of(), null));

        assertThat(selection.where()).contains("f.mime_type LIKE ?");
        assertThat(selection.args()).containsExactly("ima\\_e\\%/%");
    }

    @Test
    void searchTextMatchesLikeWildcardsAndBackslashesLiterally() {
        assertThat(FileSelection.likeEscape("100%_done\\")).isEqualTo("100\\%\\_done\\\\");
    }

    @Test
    void includeDeletedDropsTheStatusConditionAndAStatusReplacesIt() {
        assertThat(FileSelection.of(filter(null, null, null, true, List.of(), null))
                        .where())
                .isEqualTo(" WHERE true");
        assertThat(FileSelection.of(filter(null, "deleted", null, false, List.of(), null))
                        .where())
                .isEqualTo(" WHERE true AND f.status = ?");
    }

    @Test
    void eachOrderPagesOnItsOwnColumnAndDirection() {
        assertThat(FileSortKey.of(FileSort.NEWEST)).satisfies(k -> {
            assertThat(k.column).isEqualTo("f.created_at");
            assertThat(k.descending).isTrue();
        });
        assertThat(FileSortKey.of(FileSort.OLDEST).descending).isFalse();
        assertThat(FileSortKey.of(FileSort.NAME).column).isEqualTo("f.filename");
        assertThat(FileSortKey.of(FileSort.LARGEST).parse("42")).isEqualTo(42L);
        assertThat(FileSortKey.of(FileSort.NEWEST).parse("2026-01-01T00:00:00Z"))
                .isEqualTo(Timestamp.from(Instant.parse("2026-01-01T00:00:00Z")));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "|",
                "a|b|c",
                "2026-01-01T00:00:00Z",
                "9223372036854775807",
                "naïve 名前 🩻",
                "line\nbreak",
                "\u0000",
                "%_\\"
            })
    void aCursorCarriesAnySortValueAndIdUnchanged(String value) {
        UUID id = UUID.nameUUIDFromBytes(value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        FileCursor decoded = FileCursor.decode(new FileCursor(value, id).encode());

        assertThat(decoded.value()).isEqualTo(value);
        assertThat(decoded.id()).isEqualTo(id);
    }

    @Test
    void aForeignCursorIsRefusedNamingTheField() {
        assertThatThrownBy(() -> FileCursor.decode("not a cursor!"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cursor:");
        assertThatThrownBy(() -> FileCursor.decode("bm8tYmFy"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cursor:");
    }

    private static FileFilter filter(
            String mimeType,
            String status,
            String classification,
            boolean includeDeleted,
            List<String> tags,
            String search) {
        return new FileFilter(
                null,
                mimeType,
                classification,
                status,
                includeDeleted,
                tags,
                null,
                null,
                search,
                FileSort.NEWEST,
                10,
                null);
    }
}
