package io.storagecatalog.faults;

import java.util.List;

/** A scenario's outcome with its notes (resume times, what was injected). */
record ScenarioReport(Outcome outcome, List<String> notes) {
}
