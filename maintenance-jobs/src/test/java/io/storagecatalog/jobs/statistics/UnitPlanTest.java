package io.storagecatalog.jobs.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import io.storagecatalog.jobs.statistics.ParallelUnits.Unit;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class UnitPlanTest {

    private static final LocalDate START = LocalDate.of(2026, 9, 3);

    private static List<Long> days(List<Unit> units) {
        return units.stream()
                .map(u -> java.time.temporal.ChronoUnit.DAYS.between(u.from(), u.to()))
                .toList();
    }

    @Test
    void fullUnitsWhileTheDaysLeftFillThem() {
        List<Unit> units = UnitPlan.next(START, START.plusDays(90), 16, 2);

        assertThat(days(units)).containsExactly(16L, 16L);
        assertThat(units.get(0).from()).isEqualTo(START);
        assertThat(units.get(1).from()).isEqualTo(units.get(0).to());
    }

    @Test
    void theLastUnitsShareTheDaysLeftEvenly() {
        assertThat(days(UnitPlan.next(START, START.plusDays(26), 16, 2))).containsExactly(14L, 13L);
        assertThat(days(UnitPlan.next(START, START.plusDays(16), 16, 3))).containsExactly(6L, 6L, 5L);
    }

    @Test
    void whatFitsInOneUnitStaysOneUnit() {
        List<Unit> units = UnitPlan.next(START, START.plusDays(2), 16, 2);

        assertThat(units).containsExactly(new Unit(START, START.plusDays(3)));
    }

    @Test
    void oneDayUnitsOneAfterTheOther() {
        assertThat(UnitPlan.next(START, START.plusDays(4), 1, 2))
                .containsExactly(new Unit(START, START.plusDays(1)), new Unit(START.plusDays(1), START.plusDays(2)));
        assertThat(UnitPlan.next(START, START, 1, 2)).containsExactly(new Unit(START, START.plusDays(1)));
    }
}
