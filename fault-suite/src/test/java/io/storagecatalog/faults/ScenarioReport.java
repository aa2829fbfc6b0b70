package io.storagecatalog.faults;

import java.util.List;

/**
 * A scenario's outcome with its notes (resume times, what was injected) and the failures of checks
 * beyond the data (maintenance slots).
 */
record ScenarioReport(Outcome outcome, List<String> notes, List<String> failures) {

    ScenarioReport(Outcome outcome, List<String> notes) {
        this(outcome, notes, List.of());
    }

    boolean passed() {
        return outcome.clean() && failures.isEmpty();
    }
}
