package io.storagecatalog.faults;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two maintenance-jobs instances on one database, every job scheduled each minute, and the proof
 * that each job ran once per slot: for every whole minute both instances were up, exactly one
 * execution of each job, completed (ShedLock on database time plus the job repository's refusal of a
 * completed slot).
 */
final class MaintenanceSlots {

    static final List<String> JOBS = List.of(
            "orphan-reconciliation",
            "audit-rotation",
            "statistics",
            "quota-recalculation",
            "share-expiry",
            "audit-verification",
            "processed-events-pruning");

    private final JdbcTemplate jdbc;
    private final Instant firstSlot;
    private final List<String> problems = new ArrayList<>();

    MaintenanceSlots(Pipeline pipeline) {
        pipeline.startTogether(pipeline.maintenance(), pipeline.maintenance());
        this.jdbc = pipeline.jdbc();
        // The first minute that begins with both instances up.
        this.firstSlot = Instant.now().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
    }

    /** Waits until {@code slots} whole slots have passed and their executions have ended. */
    void awaitSlots(int slots) {
        Instant end = firstSlot.plus(Duration.ofMinutes(slots));
        Awaitility.await(slots + " schedule slots")
                .atMost(Duration.ofMinutes(slots + 10L))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> Instant.now().isAfter(end.plusSeconds(5)) && runningCount() == 0);
    }

    private long runningCount() {
        return jdbc.queryForObject("SELECT count(*) FROM batch_job_execution WHERE end_time IS NULL", Long.class);
    }

    private record Execution(String job, String slot, String status) {}

    private List<Execution> executionsIn(Instant from, Instant to) {
        return jdbc.query("""
                SELECT i.job_name, p.parameter_value, e.status
                FROM batch_job_execution e
                JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id
                JOIN batch_job_execution_params p ON p.job_execution_id = e.job_execution_id AND p.parameter_name = 'slot'
                """, (rs, n) -> new Execution(rs.getString(1), rs.getString(2), rs.getString(3))).stream()
                .filter(e -> !Instant.parse(e.slot()).isBefore(from)
                        && Instant.parse(e.slot()).isBefore(to))
                .toList();
    }

    /** Checks every whole slot up to now; returns lines for the report. */
    List<String> check() {
        Instant end = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        Map<String, List<String>> bySlotAndJob = new HashMap<>();
        executionsIn(firstSlot, end)
                .forEach(e -> bySlotAndJob
                        .computeIfAbsent(e.job() + " " + e.slot(), k -> new ArrayList<>())
                        .add(e.status()));
        int slots = 0;
        for (Instant slot = firstSlot; slot.isBefore(end); slot = slot.plus(Duration.ofMinutes(1))) {
            slots++;
            for (String job : JOBS) {
                List<String> statuses = bySlotAndJob.getOrDefault(job + " " + slot, List.of());
                if (!statuses.equals(List.of("COMPLETED"))) {
                    problems.add(job + " in slot " + slot + ": executions " + statuses + ", expected one, COMPLETED");
                }
            }
        }
        Long corrected = jdbc.queryForObject("""
                SELECT coalesce(sum(s.write_count), 0) FROM batch_step_execution s
                JOIN batch_job_execution e ON e.job_execution_id = s.job_execution_id
                JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id
                WHERE i.job_name = 'quota-recalculation'
                """, Long.class);
        if (corrected != 0) {
            problems.add("quota recalculation corrected " + corrected + " drifted entities");
        }
        List<String> lines = new ArrayList<>();
        lines.add("two maintenance instances, " + slots + " whole slots checked: "
                + (problems.isEmpty()
                        ? "each of the " + JOBS.size() + " jobs ran exactly once per slot, completed; quota "
                                + "recalculation found no drift"
                        : problems.size() + " problems"));
        lines.addAll(problems);
        return lines;
    }

    List<String> problems() {
        return problems;
    }
}
