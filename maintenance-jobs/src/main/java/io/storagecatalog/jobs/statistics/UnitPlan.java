package io.storagecatalog.jobs.statistics;

import io.storagecatalog.jobs.statistics.ParallelUnits.Unit;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** Which units of days the statistics step computes next, side by side. */
final class UnitPlan {

    private UnitPlan() {}

    /**
     * Up to {@code parallelUnits} units of at most {@code daysPerUnit} days, from {@code first} to
     * {@code last} (inclusive). When more than one unit's days are left and they do not fill the units,
     * the units share them evenly, so that none waits long for a shorter one; what fits in one unit stays
     * one unit (each unit reads the catalog once).
     */
    static List<Unit> next(LocalDate first, LocalDate last, int daysPerUnit, int parallelUnits) {
        long daysLeft = ChronoUnit.DAYS.between(first, last) + 1;
        long days = daysLeft <= daysPerUnit
                ? daysPerUnit
                : Math.min(daysPerUnit, (daysLeft + parallelUnits - 1) / parallelUnits);
        List<Unit> units = new ArrayList<>(parallelUnits);
        LocalDate from = first;
        while (units.size() < parallelUnits && !from.isAfter(last)) {
            LocalDate to = from.plusDays(days);
            if (to.isAfter(last.plusDays(1))) {
                to = last.plusDays(1);
            }
            units.add(new Unit(from, to));
            from = to;
        }
        return units;
    }
}
