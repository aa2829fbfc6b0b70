package io.storagecatalog.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * The suite's results as Markdown: scenario, events, lost, duplicated, drift, dead letters, notes.
 * Into a document with {@value #START} and {@value #END} markers (docs/reliability.md) the results go
 * between the markers; any other file is written whole.
 */
final class ReliabilityReport {

    static final String START = "<!-- results:start -->";
    static final String END = "<!-- results:end -->";

    private final SuiteSettings settings;
    private final List<ScenarioReport> reports;

    ReliabilityReport(SuiteSettings settings, List<ScenarioReport> reports) {
        this.settings = settings;
        this.reports = reports;
    }

    void write() throws IOException {
        StringBuilder out = new StringBuilder();
        out.append("Run of ")
                .append(Instant.now())
                .append(": ")
                .append(settings.events())
                .append(" records per scenario, ")
                .append(settings.kills())
                .append(" kills of each worker, outages of ")
                .append(settings.outage().toSeconds())
                .append(" s, ")
                .append(settings.stormCycles())
                .append(" storm cycles, ")
                .append(settings.slots())
                .append(" maintenance slots.\n\n");
        out.append(
                "| scenario | records | valid events | lost | duplicated | drift | chain | bad records | dead letters "
                        + "| verdict |\n|---|---|---|---|---|---|---|---|---|---|\n");
        for (ScenarioReport report : reports) {
            Outcome o = report.outcome();
            out.append("| ")
                    .append(o.scenario())
                    .append(" | ")
                    .append(o.records())
                    .append(" | ")
                    .append(o.validEvents())
                    .append(" | ")
                    .append(o.lost())
                    .append(" | ")
                    .append(o.duplicated())
                    .append(" | ")
                    .append(o.drift())
                    .append(" | ")
                    .append(o.chainIntact() ? "intact" : "BROKEN")
                    .append(" | ")
                    .append(o.badRecords())
                    .append(" | ")
                    .append(o.deadLetters())
                    .append(o.deadLetterMismatch() == 0 ? "" : " (mismatch)")
                    .append(" | ")
                    .append(report.passed() ? "pass" : "FAIL")
                    .append(" |\n");
        }
        out.append('\n');
        for (ScenarioReport report : reports) {
            out.append("- **")
                    .append(report.outcome().scenario())
                    .append("**: ")
                    .append(String.join("; ", report.notes()))
                    .append('\n');
            report.outcome()
                    .problems()
                    .forEach(p -> out.append("  - ").append(p).append('\n'));
            report.failures().forEach(f -> out.append("  - ").append(f).append('\n'));
        }
        Files.createDirectories(settings.report().toAbsolutePath().getParent());
        Files.writeString(settings.report(), into(settings.report(), out.toString()));
        System.out.println(out);
    }

    private static String into(Path file, String results) throws IOException {
        if (Files.isRegularFile(file)) {
            String document = Files.readString(file);
            int start = document.indexOf(START);
            int end = document.indexOf(END);
            if (start >= 0 && end > start) {
                return document.substring(0, start + START.length()) + "\n" + results + document.substring(end);
            }
        }
        return results;
    }
}
