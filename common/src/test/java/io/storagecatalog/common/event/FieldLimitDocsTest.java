package io.storagecatalog.common.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The reference docs print the limits table the parsers check against, between two markers: a limit
 * changed in code and not in the docs (or the reverse) fails here. Run with
 * {@code -Dstorage-catalog.docs.write=true} to rewrite the docs' tables from the code.
 */
@Tag("unit")
class FieldLimitDocsTest {

    private static final String START = "<!-- field limits: generated from FieldLimit, do not edit -->\n";
    private static final String END = "<!-- end of field limits -->";

    @ParameterizedTest
    @ValueSource(strings = {"docs/events.md", "docs/schema.md"})
    void theDocsPrintTheLimitsTheParsersCheck(String doc) throws Exception {
        Path path = projectRoot().resolve(doc);
        String text = Files.readString(path);
        int start = text.indexOf(START);
        int end = text.indexOf(END);
        assertThat(start).as("%s has the start marker", doc).isNotNegative();
        assertThat(end).as("%s has the end marker after the start", doc).isGreaterThan(start);
        String printed = text.substring(start + START.length(), end);
        if (Boolean.getBoolean("storage-catalog.docs.write")) {
            Files.writeString(
                    path, text.substring(0, start + START.length()) + FieldLimit.markdownTable() + text.substring(end));
            return;
        }
        assertThat(printed).as("the limits table in %s", doc).isEqualTo(FieldLimit.markdownTable());
    }

    private static Path projectRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (!Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        return dir;
    }
}
