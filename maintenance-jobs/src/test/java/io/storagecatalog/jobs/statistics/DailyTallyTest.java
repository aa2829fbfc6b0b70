package io.storagecatalog.jobs.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import io.storagecatalog.jobs.statistics.DailyTally.Outcome;
import io.storagecatalog.jobs.statistics.DailyTally.Row;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class DailyTallyTest {

    @Test
    void rowsComeInTheOrderOfTheTablesKeyWhateverTheOrderOfTheOperations() {
        List<String[]> operations = new ArrayList<>();
        for (int user = 0; user < 40; user++) {
            for (String mime : List.of("image", "text", "application")) {
                operations.add(new String[] {
                    "user-" + user,
                    "file-" + user + mime,
                    "org-" + user % 7,
                    "project-" + user % 11,
                    mime,
                    user % 2 == 0 ? "public" : "internal"
                });
            }
        }
        Collections.shuffle(operations, new Random(3));
        DailyTally tally = new DailyTally(LocalDate.of(2026, 12, 1));
        // Texts made anew for each operation, as they would be without the day's dictionary.
        operations.forEach(o -> tally.add(
                Outcome.UPLOADED, 10, new String(o[0]), o[1], new String(o[2]), new String(o[3]), o[4], o[5]));

        List<Row> rows = tally.rows();

        assertThat(rows).isSortedAccordingTo((a, b) -> {
            String left = a.scopeType() + '\0' + a.scopeId() + '\0' + a.mimeCategory() + '\0' + a.classification();
            String right = b.scopeType() + '\0' + b.scopeId() + '\0' + b.mimeCategory() + '\0' + b.classification();
            return left.compareTo(right);
        });
        assertThat(rows).extracting(Row::scopeType).containsSubsequence("all", "organization", "project", "user");
        // 3 MIME categories x 2 classifications for everything; each user's 3 uploads in 3 groups.
        assertThat(rows).filteredOn(r -> r.scopeType().equals("all")).hasSize(6);
        assertThat(rows)
                .filteredOn(r -> r.scopeType().equals("user"))
                .hasSize(120)
                .allSatisfy(r -> assertThat(r.files()).isEqualTo(1));
    }

    @org.junit.jupiter.api.Test
    void everyOutcomeIsReadBackFromItsOwnCode() {
        for (Outcome outcome : Outcome.values()) {
            org.assertj.core.api.Assertions.assertThat(Outcome.ofCode(outcome.code()))
                    .isSameAs(outcome);
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Outcome.ofCode(Outcome.values().length))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
