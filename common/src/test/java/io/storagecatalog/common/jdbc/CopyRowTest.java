package io.storagecatalog.common.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class CopyRowTest {

    private static CopyRow row(String line) {
        return new CopyRow().of(line.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsNumbersNullsAndTextColumnByColumn() {
        CopyRow row = row("20425\t-3\t\\N\tplain\tórg-ü\n");

        assertThat(row.next().number()).isEqualTo(20425);
        assertThat(row.next().number()).isEqualTo(-3);
        assertThat(row.next().isNull()).isTrue();
        assertThat(row.text()).isNull();
        assertThat(row.next().text()).isEqualTo("plain");
        assertThat(row.escaped()).isFalse();
        assertThat(row.next().text()).isEqualTo("órg-ü");
    }

    @Test
    void decodesTheEscapesCopyWrites() {
        CopyRow row = row("a\\tb\\nc\\\\d\\r\tx\\101\\x42\\7z\t\\N\n");

        assertThat(row.next().escaped()).isTrue();
        assertThat(row.text()).isEqualTo("a\tb\nc\\d\r");
        assertThat(row.next().text()).isEqualTo("xAB\u0007z");
        assertThat(row.next().isNull()).isTrue();
    }

    @Test
    void anEmptyTextIsNotNull() {
        CopyRow row = row("\t\\N");

        assertThat(row.next().text()).isEmpty();
        assertThat(row.next().text()).isNull();
    }

    @Test
    void refusesWhatIsNotANumberAndReadingPastTheLastColumn() {
        CopyRow row = row("12x\t\\N");

        assertThatThrownBy(() -> row.next().number())
                .hasMessageContaining("'12x'")
                .hasMessageContaining("number");
        assertThatThrownBy(() -> row.next().number()).hasMessageContaining("number");
        assertThatThrownBy(row::next).hasMessageContaining("fewer columns");
    }
}
