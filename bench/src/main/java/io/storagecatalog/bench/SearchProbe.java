package io.storagecatalog.bench;

import io.storagecatalog.common.audit.AuditChainRepository;
import io.storagecatalog.common.audit.OperationRepository;
import io.storagecatalog.common.catalog.CatalogFiles;
import io.storagecatalog.common.catalog.FileFilter;
import io.storagecatalog.common.catalog.FilePage;
import io.storagecatalog.common.catalog.QuotaRepository;
import io.storagecatalog.common.catalog.ShareRepository;
import io.storagecatalog.common.catalog.VersionRepository;
import io.storagecatalog.common.service.ServiceProperties;
import io.storagecatalog.common.service.StorageDatabaseService;
import io.storagecatalog.testkit.TestPostgres;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code listFiles} latency over a large catalog: the real service method (its page query) on one kept
 * connection, a few hundred calls of varied kinds in random order after a warm-up, percentiles per kind
 * and overall. Each call's {@code countFiles} (the capped count a screen asks for when it shows a total)
 * is timed too, on its own, after the page. For each kind whose page p99 misses the target, the plans of
 * its slowest statements are captured ({@link PlanCapture}).
 */
final class SearchProbe {

    static final double TARGET_P99_MS = 10;
    private static final int WARM_UP_CALLS = 50;
    private static final int EXPLAINED_CALLS = 10;

    /** What the probe measured. */
    record Result(
            int rows,
            BulkLoad.Timing load,
            Map<SearchKind, Latency> kinds,
            Latency overall,
            Map<SearchKind, Latency> counts,
            Map<SearchKind, String> plans) {}

    private record Call(SearchKind kind, FileFilter filter) {}

    private final TestPostgres postgres;
    private final int rows;
    private final int callsPerKind;
    private final Random random = new Random(42);

    SearchProbe(TestPostgres postgres, int rows, int callsPerKind) {
        this.postgres = postgres;
        this.rows = rows;
        this.callsPerKind = callsPerKind;
    }

    Result run() {
        ProbeDatabase db = ProbeDatabase.create(postgres);
        try {
            System.out.printf("search probe: loading %,d catalog rows%n", rows);
            BulkLoad.Timing load = CatalogFixture.load(db, rows, 1, "catalog-", true);
            System.out.printf(
                    "search probe: loaded in %.1f s (+ %.1f s indexes and VACUUM ANALYZE)%n",
                    load.insertSeconds(), load.indexSeconds());
            StorageDatabaseService service = service(db.jdbc());
            List<Call> calls = calls(db, service);
            Collections.shuffle(calls, random);
            // Warm-up: the JIT, the server's caches, and pgjdbc's server-side prepared statements (after
            // five uses of a query text), as in an application that has been running for a while.
            calls.subList(0, Math.min(WARM_UP_CALLS, calls.size())).forEach(call -> {
                service.listFiles(call.filter());
                service.countFiles(call.filter());
            });

            Map<SearchKind, List<Long>> pageNanos = new EnumMap<>(SearchKind.class);
            Map<SearchKind, List<Long>> countNanos = new EnumMap<>(SearchKind.class);
            List<Long> all = new ArrayList<>();
            for (Call call : calls) {
                long start = System.nanoTime();
                service.listFiles(call.filter());
                long paged = System.nanoTime();
                service.countFiles(call.filter());
                long counted = System.nanoTime();
                pageNanos.computeIfAbsent(call.kind(), k -> new ArrayList<>()).add(paged - start);
                countNanos.computeIfAbsent(call.kind(), k -> new ArrayList<>()).add(counted - paged);
                all.add(paged - start);
            }
            Map<SearchKind, Latency> kinds = percentiles(pageNanos);
            Map<SearchKind, Latency> counts = percentiles(countNanos);
            kinds.forEach((kind, latency) ->
                    System.out.printf("  %-40s %s; count %s%n", kind.label, latency, counts.get(kind)));
            return new Result(rows, load, kinds, Latency.of(all), counts, plans(db, calls, kinds));
        } finally {
            db.close();
        }
    }

    private static Map<SearchKind, Latency> percentiles(Map<SearchKind, List<Long>> nanos) {
        Map<SearchKind, Latency> latencies = new EnumMap<>(SearchKind.class);
        nanos.forEach((kind, values) -> latencies.put(kind, Latency.of(values)));
        return latencies;
    }

    // The API's service as an application builds it; listFiles needs only the catalog's repositories,
    // so there is no Kafka publisher and no rotation behind it.
    private static StorageDatabaseService service(JdbcTemplate jdbc) {
        return new StorageDatabaseService(
                CatalogFiles.of(jdbc),
                new VersionRepository(jdbc),
                new ShareRepository(jdbc),
                new QuotaRepository(jdbc),
                new OperationRepository(jdbc),
                new AuditChainRepository(jdbc),
                jdbc,
                null,
                null,
                null,
                new ServiceProperties(Duration.ofSeconds(30), null, null, null, 5, Duration.ofMinutes(15)),
                Clock.systemUTC());
    }

    private List<Call> calls(ProbeDatabase db, StorageDatabaseService service) {
        List<UUID> owners =
                db.jdbc().queryForList("SELECT DISTINCT created_by FROM storage_files ORDER BY 1", UUID.class);
        Instant now = Instant.now();
        List<Call> calls = new ArrayList<>();
        for (SearchKind kind : SearchKind.values()) {
            for (int n = 0; n < callsPerKind; n++) {
                calls.add(new Call(
                        kind,
                        kind == SearchKind.OWNER_NEXT_PAGE
                                ? nextPage(service, kind, owners, now)
                                : kind.filter(draw(owners, now))));
            }
        }
        return calls;
    }

    // A page after the first one to four pages of an owner with enough files (cursors from untimed calls).
    private FileFilter nextPage(StorageDatabaseService service, SearchKind kind, List<UUID> owners, Instant now) {
        for (int attempt = 0; attempt < 1_000; attempt++) {
            FileFilter filter = kind.filter(draw(owners, now));
            int pages = 1 + random.nextInt(4);
            for (int page = 0; page < pages && filter != null; page++) {
                FilePage result = service.listFiles(filter);
                filter = result.nextCursor() == null ? null : filter.withCursor(result.nextCursor());
            }
            if (filter != null) {
                return filter;
            }
        }
        throw new IllegalStateException("no owner has enough files for a next page; load more rows");
    }

    // Search texts as users type them: a whole word, the start of a word, or a number from a name.
    private SearchKind.Draw draw(List<UUID> owners, Instant now) {
        String word = CatalogFixture.WORDS.get(random.nextInt(CatalogFixture.WORDS.size()));
        int style = random.nextInt(10);
        String text =
                style < 6 ? word : style < 8 ? word.substring(0, 4) : Integer.toString(100 + random.nextInt(9900));
        return new SearchKind.Draw(
                owners.get(random.nextInt(owners.size())),
                text,
                CatalogFixture.TAGS.get(random.nextInt(CatalogFixture.TAGS.size())),
                now);
    }

    private static Map<SearchKind, String> plans(ProbeDatabase db, List<Call> calls, Map<SearchKind, Latency> kinds) {
        Map<SearchKind, String> plans = new EnumMap<>(SearchKind.class);
        PlanCapture capture = PlanCapture.on(db);
        try {
            StorageDatabaseService explained = service(capture);
            kinds.forEach((kind, latency) -> {
                if (!latency.within(TARGET_P99_MS)) {
                    calls.stream()
                            .filter(call -> call.kind() == kind)
                            .limit(EXPLAINED_CALLS)
                            .forEach(call -> explained.listFiles(call.filter()));
                    plans.put(kind, capture.slowest());
                }
            });
        } finally {
            capture.close();
        }
        return plans;
    }
}
