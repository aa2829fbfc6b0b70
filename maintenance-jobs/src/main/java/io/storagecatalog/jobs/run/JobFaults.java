package io.storagecatalog.jobs.run;

/**
 * A seam for fault-injection tests: jobs call it before each unit of work (a day, a segment, a
 * window). The application's own instance does nothing.
 */
public interface JobFaults {

    JobFaults NONE = (job, unit) -> { };

    void beforeUnit(String job, String unit);
}
