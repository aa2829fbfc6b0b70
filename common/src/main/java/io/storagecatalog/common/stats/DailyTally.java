package io.storagecatalog.common.stats;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The statistics of one UTC day, counted from its operations one at a time: for everything and per
 * user, organization and project, each per MIME category and classification. Files are the distinct
 * files uploaded successfully in a group: counted once per file for everything, an organization and a
 * project (a file is in one of each), once per user and file for a user. Memory is one entry per group
 * and per file uploaded that day, not per operation.
 */
public final class DailyTally {

    /** What an operation was, as far as the statistics tell them apart. */
    public enum Outcome {
        UPLOADED, DOWNLOADED, DELETED, OTHER_SUCCESS, FAILED, PENDING;

        private static final Outcome[] BY_CODE = values();

        /** The outcome of a code, as {@link #code()} gives it. */
        public static Outcome ofCode(int code) {
            if (code < 0 || code >= BY_CODE.length) {
                throw new IllegalArgumentException("operation outcome code " + code + " is not one of 0.."
                        + (BY_CODE.length - 1));
            }
            return BY_CODE[code];
        }

        public int code() {
            return ordinal();
        }

        boolean succeeded() {
            return this != FAILED && this != PENDING;
        }
    }

    /** The scope of a statistics row, as {@code storage_daily_statistics.scope_type} names it. */
    enum Scope {
        ALL("all"), USER("user"), ORGANIZATION("organization"), PROJECT("project");

        final String column;

        Scope(String column) {
            this.column = column;
        }
    }

    /** A statistics row's key within its day; {@code id} is "" for {@link Scope#ALL}. */
    record Key(Scope scope, String id, String mimeCategory, String classification) {
    }

    /** One statistics row of the day. */
    public record Row(LocalDate day, String scopeType, String scopeId, String mimeCategory, String classification,
            long files, long bytes, long uploads, long downloads, long deletes, long bytesTransferred, long failures) {
    }

    private static final Comparator<Map.Entry<Key, Counts>> KEY_ORDER = Comparator
            .<Map.Entry<Key, Counts>, String>comparing(e -> e.getKey().scope().column)
            .thenComparing(e -> e.getKey().id())
            .thenComparing(e -> e.getKey().mimeCategory())
            .thenComparing(e -> e.getKey().classification());

    private final LocalDate day;
    private final Map<Key, Counts> groups = new HashMap<>();
    private final Set<String> filesUploaded = new HashSet<>();
    private final Set<UserFile> userFilesUploaded = new HashSet<>();

    public DailyTally(LocalDate day) {
        this.day = day;
    }

    public LocalDate day() {
        return day;
    }

    /**
     * Counts one operation of the day.
     *
     * @param bytesTransferred the operation's bytes, 0 when it has none
     * @param userId           who did it, or null (then no user counts it)
     * @param fileId           the file, or null
     * @param organizationId   the file's organization, or null (none, or the file is not in the catalog)
     * @param projectId        the file's project, or null
     * @param mimeCategory     the first part of the file's MIME type, "unknown" for a file not in the catalog
     * @param classification   the file's classification, "unknown" for a file not in the catalog
     */
    public void add(Outcome outcome, long bytesTransferred, String userId, String fileId, String organizationId,
            String projectId, String mimeCategory, String classification) {
        boolean newFile = outcome == Outcome.UPLOADED && fileId != null && filesUploaded.add(fileId);
        count(new Key(Scope.ALL, "", mimeCategory, classification), outcome, bytesTransferred, newFile);
        if (userId != null) {
            boolean newUserFile = outcome == Outcome.UPLOADED && fileId != null
                    && userFilesUploaded.add(new UserFile(userId, fileId));
            count(new Key(Scope.USER, userId, mimeCategory, classification), outcome, bytesTransferred, newUserFile);
        }
        if (organizationId != null) {
            count(new Key(Scope.ORGANIZATION, organizationId, mimeCategory, classification), outcome, bytesTransferred,
                    newFile);
        }
        if (projectId != null) {
            count(new Key(Scope.PROJECT, projectId, mimeCategory, classification), outcome, bytesTransferred, newFile);
        }
    }

    /** The day's rows, in key order (scope, id, MIME category, classification). */
    public List<Row> rows() {
        List<Map.Entry<Key, Counts>> entries = new ArrayList<>(groups.entrySet());
        entries.sort(KEY_ORDER);
        List<Row> rows = new ArrayList<>(entries.size());
        for (Map.Entry<Key, Counts> entry : entries) {
            Key key = entry.getKey();
            Counts c = entry.getValue();
            rows.add(new Row(day, key.scope().column, key.id(), key.mimeCategory(), key.classification(), c.files,
                    c.bytes, c.uploads, c.downloads, c.deletes, c.bytesTransferred, c.failures));
        }
        return rows;
    }

    private void count(Key key, Outcome outcome, long bytesTransferred, boolean newFile) {
        Counts counts = groups.computeIfAbsent(key, k -> new Counts());
        switch (outcome) {
            case UPLOADED -> {
                counts.uploads++;
                counts.bytes += bytesTransferred;
                if (newFile) {
                    counts.files++;
                }
            }
            case DOWNLOADED -> counts.downloads++;
            case DELETED -> counts.deletes++;
            case FAILED -> counts.failures++;
            default -> {
            }
        }
        if (outcome.succeeded()) {
            counts.bytesTransferred += bytesTransferred;
        }
    }

    private record UserFile(String userId, String fileId) {
    }

    private static final class Counts {
        long files;
        long bytes;
        long uploads;
        long downloads;
        long deletes;
        long bytesTransferred;
        long failures;
    }
}
