package io.storagecatalog.jobs.run;

/**
 * A seam for fault-injection tests: jobs call it before each unit of work (a day, a segment, a
 * window), and jobs that commit units on threads of their own also just before a unit's commit. The
 * application's own instance does nothing.
 */
public interface JobFaults {

    JobFaults NONE = (job, unit) -> {};

    void beforeUnit(String job, String unit);

    /** Called on the unit's own thread, inside its transaction, after its work and before its commit. */
    default void beforeCommit(String job, String unit) {}
}
