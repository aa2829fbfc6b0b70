package io.storagecatalog.bench;

import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The plans PostgreSQL chose for the statements of real calls, with their actual row counts and times:
 * {@code auto_explain} (ANALYZE, BUFFERS) on a connection of its own, logging at NOTICE level so that
 * the plans reach the client as warnings of each statement, which this template keeps. The calls go
 * through the repository unchanged; no query text is copied here.
 */
final class PlanCapture extends JdbcTemplate {

    private static final Pattern DURATION = Pattern.compile("duration: ([0-9.]+) ms");

    private final List<String> notices = new ArrayList<>();

    private PlanCapture(SingleConnectionDataSource dataSource) {
        super(dataSource);
    }

    static PlanCapture on(ProbeDatabase db) {
        PlanCapture capture = new PlanCapture(new SingleConnectionDataSource(
                db.url(), db.server().username(), db.server().password(), true));
        capture.execute("LOAD 'auto_explain'");
        capture.execute("SET auto_explain.log_min_duration = 0");
        capture.execute("SET auto_explain.log_analyze = on");
        capture.execute("SET auto_explain.log_buffers = on");
        capture.execute("SET auto_explain.log_level = notice");
        capture.execute("SET client_min_messages = notice");
        capture.notices.clear();
        return capture;
    }

    @Override
    protected void handleWarnings(Statement statement) throws SQLException {
        for (SQLWarning warning = statement.getWarnings(); warning != null; warning = warning.getNextWarning()) {
            notices.add(warning.getMessage());
        }
    }

    /** The slowest statement's plan since the last call, and forgets the others. */
    String slowest() {
        String plan = notices.stream()
                .max(Comparator.comparingDouble(PlanCapture::duration))
                .orElse("(no plan)");
        notices.clear();
        return plan;
    }

    private static double duration(String notice) {
        Matcher matcher = DURATION.matcher(notice);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }

    void close() {
        ((SingleConnectionDataSource) getDataSource()).destroy();
    }
}
