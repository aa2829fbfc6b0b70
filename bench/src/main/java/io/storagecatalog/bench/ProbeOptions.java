package io.storagecatalog.bench;

import java.nio.file.Path;
import java.util.Set;

/**
 * What the scale probes run, at which sizes.
 *
 * @param rows           catalog rows of the search probe and of the statistics probe's catalog
 * @param objects        objects in the store, and catalog rows, of the reconciliation probe
 * @param operations     audit rows of the statistics probe and of the proof probe
 * @param objectsPerBucket objects per bucket of the reconciliation probe (see {@link ReconciliationProbe}
 *                       for why the store's objects are spread over several buckets)
 * @param searchCalls    timed listFiles calls per query kind
 * @param apiCalls       timed calls of each kind over HTTP and in-process (the API probe)
 * @param proofCalls     timed inclusion proofs (the proof probe)
 * @param probes         which probes run: search, api, reconciliation, statistics, proofs
 * @param jobsJar        the maintenance-jobs application jar, run in a JVM of its own
 * @param baselineJobsJar another build of it (an earlier commit's, say), or null: the statistics probe then
 *                       runs it first on the same data, for a ratio measured side by side
 * @param out            where probes.md and probes.json go
 */
record ProbeOptions(
        int rows,
        int objects,
        long operations,
        int objectsPerBucket,
        int searchCalls,
        int apiCalls,
        int proofCalls,
        Set<String> probes,
        Path jobsJar,
        Path baselineJobsJar,
        Path out) {

    static final Set<String> ALL = Set.of("search", "reconciliation", "statistics", "api", "proofs");

    ProbeOptions {
        probes = Set.copyOf(probes);
        if (!ALL.containsAll(probes)) {
            throw new IllegalArgumentException("--only: probes are " + ALL + ", not " + probes);
        }
    }

    static ProbeOptions parse(String[] args) {
        String only = Benchmark.option(args, "only", String.join(",", ALL));
        return new ProbeOptions(
                Integer.parseInt(Benchmark.option(args, "rows", "1000000")),
                Integer.parseInt(Benchmark.option(args, "objects", "1000000")),
                Long.parseLong(Benchmark.option(args, "operations", "10000000")),
                Integer.parseInt(Benchmark.option(args, "objects-per-bucket", "10000")),
                Integer.parseInt(Benchmark.option(args, "search-calls", "100")),
                Integer.parseInt(Benchmark.option(args, "api-calls", "500")),
                Integer.parseInt(Benchmark.option(args, "proof-calls", "1000")),
                Set.of(only.split(",")),
                Path.of(Benchmark.option(args, "jobs-jar", "maintenance-jobs/target/maintenance-jobs.jar")),
                java.util.Optional.ofNullable(Benchmark.option(args, "baseline-jobs-jar", null))
                        .map(Path::of)
                        .orElse(null),
                Path.of(Benchmark.option(args, "out", "bench/results")));
    }

    boolean runs(String probe) {
        return probes.contains(probe);
    }
}
