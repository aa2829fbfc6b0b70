package io.storagecatalog.api.statistics;

import java.time.LocalDate;
import java.util.List;
import org.springframework.stereotype.Service;

/** The daily series of one scope, as the statistics job computed them. */
@Service
class DailySeries {

    /** How a series is split within each day (fixed columns: never user input in SQL). */
    enum Breakdown {
        TOTAL("''"),
        CLASSIFICATION("data_classification"),
        MIME_CATEGORY("mime_category");

        private final String column;

        Breakdown(String column) {
            this.column = column;
        }

        String column() {
            return column;
        }
    }

    /**
     * One day of a scope, whole or one group of it.
     *
     * @param complete whether the day is final (a day still running is recomputed by the next run)
     */
    record Day(
            LocalDate day,
            String group,
            long files,
            long bytes,
            long uploads,
            long downloads,
            long deletes,
            long bytesTransferred,
            long failures,
            boolean complete) {}

    private final DailyStatisticsQueryRepository repository;

    DailySeries(DailyStatisticsQueryRepository repository) {
        this.repository = repository;
    }

    List<Day> of(String scopeType, String scopeId, LocalDate from, LocalDate to, Breakdown by) {
        return repository.series(scopeType, scopeId, from, to, by);
    }
}
