package io.storagecatalog.bench;

import io.storagecatalog.common.catalog.FilePageLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The probes' results as Markdown tables (probes.md) and JSON (probes.json), like the benchmark's
 * latest.md and latest.json: each measure is written to both at once, so they cannot disagree.
 */
final class ProbeReport {

    private final JsonMapper mapper =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private final StringBuilder markdown = new StringBuilder();
    private final StringBuilder plans = new StringBuilder();
    private final ObjectNode json = mapper.createObjectNode();

    ProbeReport(ProbeOptions options) {
        Instant at = Instant.now();
        markdown.append("# Scale probes\n\n")
                .append(String.format(
                        Locale.ROOT,
                        "%s; sizes: rows %,d, objects %,d, operations %,d; jobs in a JVM with -Xmx%s.%n",
                        at,
                        options.rows(),
                        options.objects(),
                        options.operations(),
                        JobProcess.MAX_HEAP));
        json.put("at", at.toString())
                .put("rows", options.rows())
                .put("objects", options.objects())
                .put("operations", options.operations())
                .put("jobMaxHeap", JobProcess.MAX_HEAP)
                .put("loadAverageAtStart", loadAverage());
    }

    // The machine's load (1, 5, 15 minutes) tells whether others shared its cores during the run.
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    void api(ApiProbe.Result result) {
        ObjectNode section = json.putObject("api");
        section.put("rows", result.rows()).put("calls", result.calls()).put("targetP99Ms", ApiProbe.TARGET_P99_MS);
        markdown.append(String.format(
                Locale.ROOT,
                "%n## The catalog API over HTTP against in-process, over %,d catalog rows (target: p99 <= %.0f ms "
                        + "over HTTP)%n%n",
                result.rows(),
                ApiProbe.TARGET_P99_MS));
        markdown.append(String.format(
                Locale.ROOT,
                "%d calls of each after 2,000 of each to warm both up, alternating: over HTTP with a signed "
                        + "token the API validates (and, for checkAccess, the decision appended to the trail), then "
                        + "the same call on the API's StorageDatabaseService in its JVM.%n%n",
                result.calls()));
        markdown.append("| call | HTTP p50 ms | HTTP p99 ms | in-process p50 ms | in-process p99 ms "
                + "| p99 ratio HTTP / in-process | p99 target |\n|---|---|---|---|---|---|---|\n");
        result.http().forEach((call, http) -> {
            Latency direct = result.inProcess().get(call);
            double ratio = direct.p99Ms() == 0 ? 0 : http.p99Ms() / direct.p99Ms();
            section.putObject(call)
                    .put("httpP50Ms", http.p50Ms())
                    .put("httpP99Ms", http.p99Ms())
                    .put("inProcessP50Ms", direct.p50Ms())
                    .put("inProcessP99Ms", direct.p99Ms())
                    .put("p99Ratio", ratio);
            markdown.append(String.format(
                    Locale.ROOT,
                    "| %s | %.1f | %.1f | %.1f | %.1f | %.2f | %s |%n",
                    call,
                    http.p50Ms(),
                    http.p99Ms(),
                    direct.p50Ms(),
                    direct.p99Ms(),
                    ratio,
                    http.p99Ms() <= ApiProbe.TARGET_P99_MS ? "met" : "missed"));
        });
    }

    void search(SearchProbe.Result result) {
        ObjectNode section = json.putObject("search");
        section.put("rows", result.rows()).put("targetP99Ms", SearchProbe.TARGET_P99_MS);
        load(section, "load", result.load());
        markdown.append(String.format(
                Locale.ROOT,
                "%n## listFiles over %,d catalog rows (target: p99 <= %.0f ms)%n%n",
                result.rows(),
                SearchProbe.TARGET_P99_MS));
        markdown.append(String.format(
                Locale.ROOT,
                "Loaded in %.1f s (+ %.1f s indexes and VACUUM ANALYZE). "
                        + "Each call is StorageDatabaseService.listFiles: a page of 50, in the kind's order.%n%n",
                result.load().insertSeconds(),
                result.load().indexSeconds()));
        markdown.append("| query | calls | p50 ms | p99 ms | max ms | p99 target |\n|---|---|---|---|---|---|\n");
        ObjectNode kinds = section.putObject("kinds");
        result.kinds().forEach((kind, latency) -> latency(kinds.putObject(kind.label), kind.label, latency));
        latency(section.putObject("overall"), "**all calls**", result.overall());
        markdown.append(String.format(
                Locale.ROOT,
                "%nThe same calls' countFiles, each timed after its page (on "
                        + "demand: asked when a screen shows a total; counts up to %,d matches; no target):%n%n",
                FilePageLimits.COUNT_CAP));
        markdown.append("| query | calls | p50 ms | p99 ms | max ms |\n|---|---|---|---|---|\n");
        ObjectNode counts = section.putObject("counts");
        result.counts().forEach((kind, latency) -> {
            counts.putObject(kind.label)
                    .put("calls", latency.calls())
                    .put("p50Ms", latency.p50Ms())
                    .put("p99Ms", latency.p99Ms())
                    .put("maxMs", latency.maxMs());
            markdown.append(String.format(
                    Locale.ROOT,
                    "| %s | %d | %.1f | %.1f | %.1f |%n",
                    kind.label,
                    latency.calls(),
                    latency.p50Ms(),
                    latency.p99Ms(),
                    latency.maxMs()));
        });
        ObjectNode plansNode = section.putObject("plans");
        result.plans().forEach((kind, plan) -> {
            plansNode.put(kind.label, plan);
            plans.append("\n### ")
                    .append(kind.label)
                    .append("\n\n```\n")
                    .append(plan.strip())
                    .append("\n```\n");
        });
    }

    void reconciliation(ReconciliationProbe.Result result) {
        ObjectNode section = json.putObject("reconciliation");
        markdown.append(String.format(
                Locale.ROOT,
                "%n## orphan-reconciliation: %,d catalog rows against %,d objects (target: job <= %.0f s)%n%n",
                result.rows(),
                result.direct().objects() + result.api().objects(),
                ReconciliationProbe.TARGET_SECONDS));
        markdown.append("| measure | value |\n|---|---|\n");
        measure(section, "buckets", "buckets", result.buckets(), "%,.0f");
        load(section, "load", result.load());
        measure(
                section,
                "catalog load (s)",
                "catalogLoadSeconds",
                result.load().insertSeconds() + result.load().indexSeconds(),
                "%.1f");
        measure(
                section,
                "objects written into the store directly",
                "directObjects",
                result.direct().objects(),
                "%,.0f");
        measure(section, "direct fill (s)", "directFillSeconds", result.direct().seconds(), "%.1f");
        measure(
                section,
                "direct fill (objects/s)",
                "directFillRate",
                result.direct().rate(),
                "%,.0f");
        measure(
                section,
                "orphans put through the S3 API (16 threads)",
                "apiObjects",
                result.api().objects(),
                "%,.0f");
        measure(section, "S3 API fill (s)", "apiFillSeconds", result.api().seconds(), "%.1f");
        measure(section, "S3 API fill (PUT/s)", "apiFillRate", result.api().rate(), "%,.0f");
        run(section.putObject("job"), "", result.run(), ReconciliationProbe.TARGET_SECONDS);
        measure(
                section,
                "one listing page of 1,000 keys from S3Proxy, after the job (ms)",
                "listingPageMs",
                result.pageMs(),
                "%.1f");
        measure(
                section,
                "S3Proxy listing, estimated: listing pages x one page (s)",
                "listingSeconds",
                result.listingSeconds(),
                "%.1f");
        for (ReconciliationProbe.Finding finding : result.findings()) {
            ObjectNode node = section.putObject("findings").putObject(finding.what());
            node.put("prepared", finding.prepared()).put("found", finding.found());
            markdown.append(String.format(
                    Locale.ROOT,
                    "| %s: prepared / found | %,d / %,d |%n",
                    finding.what(),
                    finding.prepared(),
                    finding.found()));
        }
        section.put("asPrepared", result.asPrepared());
    }

    void statistics(StatisticsProbe.Result result) {
        ObjectNode section = json.putObject("statistics");
        markdown.append(String.format(
                Locale.ROOT,
                "%n## statistics: %,d audit rows over %d days, %,d catalog rows (target: first run <= %.0f s)%n%n",
                result.operations(),
                OperationsFixture.DAYS,
                result.files(),
                StatisticsProbe.TARGET_SECONDS));
        markdown.append("| measure | value |\n|---|---|\n");
        section.put("operations", result.operations()).put("files", result.files());
        load(section, "catalogLoad", result.catalogLoad());
        load(section, "operationsLoad", result.operationsLoad());
        measure(
                section,
                "audit rows load (s)",
                "operationsInsertSeconds",
                result.operationsLoad().insertSeconds(),
                "%.1f");
        measure(
                section,
                "audit rows indexes and VACUUM ANALYZE (s)",
                "operationsIndexSeconds",
                result.operationsLoad().indexSeconds(),
                "%.1f");
        if (result.baselineFirst() != null) {
            run(
                    section.putObject("baselineFirstRun"),
                    "baseline build, first run: ",
                    result.baselineFirst(),
                    Double.NaN);
        }
        run(section.putObject("firstRun"), "first run: ", result.first(), StatisticsProbe.TARGET_SECONDS);
        if (result.baselineFirst() != null) {
            measure(
                    section,
                    "first run: baseline build's job time / this build's",
                    "firstRunSpeedup",
                    result.baselineFirst().jobSeconds() / result.first().jobSeconds(),
                    "%.1f");
        }
        run(section.putObject("nextRun"), "next run: ", result.next(), Double.NaN);
        measure(section, "statistics rows written", "statisticsRows", result.statisticsRows(), "%,.0f");
    }

    void proofs(ProofProbe.Result result) {
        ObjectNode section = json.putObject("proofs");
        section.put("operations", result.operations()).put("targetP99Ms", ProofProbe.TARGET_P99_MS);
        markdown.append(String.format(
                Locale.ROOT,
                "%n## Inclusion proofs over %,d audit rows sealed by one signed checkpoint (target: p99 <= %.0f ms)%n%n",
                result.operations(),
                ProofProbe.TARGET_P99_MS));
        markdown.append(
                "Rows drawn at random over the whole trail; each proof built as the API builds it (the row, its "
                        + "1,024-row block, the interval's block roots) and written as its JSON document, then checked "
                        + "with the public key alone.\n\n");
        markdown.append("| measure | value |\n|---|---|\n");
        measure(section, "audit rows chained and loaded with COPY (s)", "loadSeconds", result.loadSeconds(), "%.1f");
        measure(section, "sealing the checkpoint over all rows (s)", "sealSeconds", result.sealSeconds(), "%.1f");
        measure(section, "longest path (hashes)", "pathLength", result.pathLength(), "%.0f");
        measure(
                section,
                "the first proof against the checkpoint, which builds the tree of its block roots (ms)",
                "firstProveMs",
                result.firstProveMs(),
                "%.1f");
        for (var timed : java.util.List.of(
                java.util.Map.entry("prove", result.prove()), java.util.Map.entry("verify", result.verify()))) {
            Latency latency = timed.getValue();
            section.putObject(timed.getKey())
                    .put("calls", latency.calls())
                    .put("p50Ms", latency.p50Ms())
                    .put("p99Ms", latency.p99Ms())
                    .put("maxMs", latency.maxMs());
            text(
                    timed.getKey() + ": calls, p50 / p99 / max (ms)",
                    String.format(
                            Locale.ROOT,
                            "%d, %.2f / %.2f / %.2f",
                            latency.calls(),
                            latency.p50Ms(),
                            latency.p99Ms(),
                            latency.maxMs()));
        }
        boolean met = result.prove().within(ProofProbe.TARGET_P99_MS);
        section.put("met", met);
        text("target (prove p99)", met ? "met" : "**missed**");
    }

    void write(Path out) throws IOException {
        json.put("loadAverageAtEnd", loadAverage());
        markdown.append(String.format(
                Locale.ROOT,
                "%nMachine: %d cores; load average (1, 5, 15 min, runnable/all, "
                        + "last pid) at start: %s, at end: %s.%n",
                Runtime.getRuntime().availableProcessors(),
                json.get("loadAverageAtStart").asString(),
                json.get("loadAverageAtEnd").asString()));
        if (!plans.isEmpty()) {
            markdown.append("\n## Plans of the slowest statements of the kinds that missed the target\n\n")
                    .append("auto_explain (ANALYZE, BUFFERS) of the same calls on a connection of its own.\n")
                    .append(plans);
        }
        Files.createDirectories(out);
        Files.writeString(out.resolve("probes.md"), markdown);
        Files.writeString(out.resolve("probes.json"), mapper.writeValueAsString(json) + "\n");
        System.out.println();
        System.out.print(markdown);
    }

    private void latency(ObjectNode node, String label, Latency latency) {
        node.put("calls", latency.calls())
                .put("p50Ms", latency.p50Ms())
                .put("p99Ms", latency.p99Ms())
                .put("maxMs", latency.maxMs())
                .put("met", latency.within(SearchProbe.TARGET_P99_MS));
        markdown.append(String.format(
                Locale.ROOT,
                "| %s | %d | %.1f | %.1f | %.1f | %s |%n",
                label,
                latency.calls(),
                latency.p50Ms(),
                latency.p99Ms(),
                latency.maxMs(),
                latency.within(SearchProbe.TARGET_P99_MS) ? "met" : "**missed**"));
    }

    private void run(ObjectNode node, String prefix, JobProcess.Run run, double targetSeconds) {
        node.put("status", run.status())
                .put("exitCode", run.exitCode())
                .put("log", run.log().toString());
        text(prefix + "job status", run.status() + " (exit " + run.exitCode() + ")");
        measure(node, prefix + "units of work (days, windows, pages)", "units", run.units(), "%,.0f");
        measure(node, prefix + "job time (s)", "jobSeconds", run.jobSeconds(), "%.1f");
        ObjectNode steps = node.putObject("steps");
        for (JobProcess.Step step : run.steps()) {
            steps.putObject(step.name()).put("units", step.units()).put("seconds", step.seconds());
            text(
                    prefix + "step " + step.name() + ": units, time (s)",
                    String.format(Locale.ROOT, "%,d, %.1f", step.units(), step.seconds()));
        }
        measure(node, prefix + "JVM wall time, start-up included (s)", "wallSeconds", run.wallSeconds(), "%.1f");
        measure(
                node,
                prefix + "peak heap used (MB)",
                "peakHeapUsedMb",
                run.heap().peakUsedMb(),
                "%.0f");
        measure(
                node,
                prefix + "peak heap after a collection (MB)",
                "peakHeapLiveMb",
                run.heap().peakLiveMb(),
                "%.0f");
        measure(node, prefix + "GC pauses", "gcPauses", run.heap().collections(), "%,.0f");
        if (!Double.isNaN(targetSeconds)) {
            boolean met = run.completed() && run.jobSeconds() <= targetSeconds;
            node.put("targetSeconds", targetSeconds).put("met", met);
            text(prefix + "target", met ? "met" : "**missed**");
        }
    }

    private static void load(ObjectNode section, String name, BulkLoad.Timing load) {
        section.putObject(name).put("insertSeconds", load.insertSeconds()).put("indexSeconds", load.indexSeconds());
    }

    // A row of the Markdown table, and the same value under key in the JSON.
    private void measure(ObjectNode node, String label, String key, double value, String format) {
        node.put(key, value);
        text(label, String.format(Locale.ROOT, format, value));
    }

    private void text(String label, String text) {
        markdown.append("| ").append(label).append(" | ").append(text).append(" |\n");
    }
}
