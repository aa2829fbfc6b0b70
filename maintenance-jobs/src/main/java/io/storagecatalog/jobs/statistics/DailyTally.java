package io.storagecatalog.jobs.statistics;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The statistics of one UTC day, counted from its operations one at a time: for everything and per
 * user, organization and project, each per MIME category and classification. Files are the distinct
 * files uploaded successfully in a group: counted once per file for everything, an organization and a
 * project (a file is in one of each), once per user and file for a user. Memory is one entry per group
 * and per file uploaded that day, not per operation.
 */
final class DailyTally {

    /** What an operation was, as far as the statistics tell them apart. */
    public enum Outcome {
        UPLOADED(0),
        DOWNLOADED(1),
        DELETED(2),
        OTHER_SUCCESS(3),
        FAILED(4),
        PENDING(5);

        private final int code;

        Outcome(int code) {
            this.code = code;
        }

        /** The code the read's query gives this outcome (generated from these codes, never from their order). */
        public int code() {
            return code;
        }

        // Read once per operation on the statistics' hot path: a lookup by code, built from the codes.
        private static final Outcome[] BY_CODE = new Outcome[values().length];

        static {
            for (Outcome outcome : values()) {
                if (outcome.code < 0 || outcome.code >= BY_CODE.length || BY_CODE[outcome.code] != null) {
                    throw new ExceptionInInitializerError(
                            "outcome codes must be 0 to " + (BY_CODE.length - 1) + ", each once");
                }
                BY_CODE[outcome.code] = outcome;
            }
        }

        /** The outcome of a code. */
        public static Outcome ofCode(int code) {
            if (code < 0 || code >= BY_CODE.length) {
                throw new IllegalArgumentException(
                        "operation outcome code " + code + " is not one of 0.." + (BY_CODE.length - 1));
            }
            return BY_CODE[code];
        }

        boolean succeeded() {
            return this != FAILED && this != PENDING;
        }
    }

    /** The scope of a statistics row, as {@code storage_daily_statistics.scope_type} names it. */
    enum Scope {
        ALL("all"),
        USER("user"),
        ORGANIZATION("organization"),
        PROJECT("project");

        final String column;

        Scope(String column) {
            this.column = column;
        }
    }

    /**
     * A statistics row's key within its day; {@code id} is "" for {@link Scope#ALL}. Looked up through
     * one reused probe (millions of operations a run, each counted in up to four groups); the key stored
     * in the map is the group's {@link Counts}, set once.
     */
    static class Key {
        Scope scope;
        String id;
        String mimeCategory;
        String classification;
        int hash;

        Key set(Scope scope, String id, String mimeCategory, String classification) {
            this.scope = scope;
            this.id = id;
            this.mimeCategory = mimeCategory;
            this.classification = classification;
            this.hash = ((scope.hashCode() * 31 + id.hashCode()) * 31 + mimeCategory.hashCode()) * 31
                    + classification.hashCode();
            return this;
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key that
                    && hash == that.hash
                    && scope == that.scope
                    && id.equals(that.id)
                    && mimeCategory.equals(that.mimeCategory)
                    && classification.equals(that.classification);
        }
    }

    /** One statistics row of the day. */
    public record Row(
            LocalDate day,
            String scopeType,
            String scopeId,
            String mimeCategory,
            String classification,
            long files,
            long bytes,
            long uploads,
            long downloads,
            long deletes,
            long bytesTransferred,
            long failures) {}

    private final LocalDate day;
    private final Map<Key, Counts> groups = new HashMap<>();
    // The groups of everything, the organization and the project an operation counts in, found with one
    // look-up for its file's attributes instead of one per scope.
    private final Map<FileAttributes, FileGroups> byFileAttributes = new HashMap<>();
    private final FileAttributes fileProbe = new FileAttributes();
    private final Key probe = new Key();
    // The files uploaded today, each with its first uploader ("" for none); the other users who uploaded
    // the same file today (rare) in a set of their own.
    private final Map<String, String> firstUploaders = new HashMap<>();
    private final Set<UserFile> otherUploaders = new HashSet<>();

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
    public void add(
            Outcome outcome,
            long bytesTransferred,
            String userId,
            String fileId,
            String organizationId,
            String projectId,
            String mimeCategory,
            String classification) {
        boolean newFile = false;
        boolean newUserFile = false;
        if (outcome == Outcome.UPLOADED && fileId != null) {
            String first = firstUploaders.putIfAbsent(fileId, userId == null ? "" : userId);
            newFile = first == null;
            newUserFile = userId != null
                    && (newFile || !first.equals(userId) && otherUploaders.add(new UserFile(userId, fileId)));
        }
        FileGroups file = byFileAttributes.get(fileProbe.set(organizationId, projectId, mimeCategory, classification));
        if (file == null) {
            file = fileGroups(organizationId, projectId, mimeCategory, classification);
            byFileAttributes.put(file, file);
        }
        file.all.add(outcome, bytesTransferred, newFile);
        if (file.organization != null) {
            file.organization.add(outcome, bytesTransferred, newFile);
        }
        if (file.project != null) {
            file.project.add(outcome, bytesTransferred, newFile);
        }
        if (userId != null) {
            group(Scope.USER, userId, mimeCategory, classification).add(outcome, bytesTransferred, newUserFile);
        }
    }

    /**
     * The day's rows in the order of the table's key (scope, id, MIME category, classification; by UTF-16
     * code units, which is the order of the C collation for ids without surrogate pairs). Written in that
     * order, each of a day's index entries lands next to the one before instead of anywhere in the indexes:
     * the writes take about a third less time than in the map's order.
     */
    public List<Row> rows() {
        List<Row> rows = new ArrayList<>(groups.size());
        groups.values()
                .forEach(c -> rows.add(new Row(
                        day,
                        c.scope.column,
                        c.id,
                        c.mimeCategory,
                        c.classification,
                        c.files,
                        c.bytes,
                        c.uploads,
                        c.downloads,
                        c.deletes,
                        c.bytesTransferred,
                        c.failures)));
        rows.sort(DailyTally::compareKeys);
        return rows;
    }

    // The texts of a day are one instance each (TextDictionary), so most comparisons end at the identity.
    private static int compareKeys(Row a, Row b) {
        int order = compareTexts(a.scopeType(), b.scopeType());
        if (order == 0) {
            order = compareTexts(a.scopeId(), b.scopeId());
        }
        if (order == 0) {
            order = compareTexts(a.mimeCategory(), b.mimeCategory());
        }
        return order != 0 ? order : compareTexts(a.classification(), b.classification());
    }

    private static int compareTexts(String a, String b) {
        return java.util.Objects.equals(a, b) ? 0 : a.compareTo(b);
    }

    // Everything, the organization and the project of a file with these attributes (null where it has none).
    private FileGroups fileGroups(String organizationId, String projectId, String mimeCategory, String classification) {
        FileGroups file = new FileGroups();
        file.set(organizationId, projectId, mimeCategory, classification);
        file.all = group(Scope.ALL, "", mimeCategory, classification);
        file.organization =
                organizationId == null ? null : group(Scope.ORGANIZATION, organizationId, mimeCategory, classification);
        file.project = projectId == null ? null : group(Scope.PROJECT, projectId, mimeCategory, classification);
        return file;
    }

    private Counts group(Scope scope, String id, String mimeCategory, String classification) {
        Counts counts = groups.get(probe.set(scope, id, mimeCategory, classification));
        if (counts == null) {
            counts = new Counts();
            counts.set(scope, id, mimeCategory, classification);
            groups.put(counts, counts);
        }
        return counts;
    }

    // A file's attributes, looked up through one reused probe; a stored key is a FileGroups that never
    // changes.
    private static class FileAttributes {
        String organizationId;
        String projectId;
        String mimeCategory;
        String classification;
        int hash;

        FileAttributes set(String organizationId, String projectId, String mimeCategory, String classification) {
            this.organizationId = organizationId;
            this.projectId = projectId;
            this.mimeCategory = mimeCategory;
            this.classification = classification;
            this.hash = ((Objects.hashCode(organizationId) * 31 + Objects.hashCode(projectId)) * 31
                                    + mimeCategory.hashCode())
                            * 31
                    + classification.hashCode();
            return this;
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof FileAttributes that
                    && hash == that.hash
                    && Objects.equals(organizationId, that.organizationId)
                    && Objects.equals(projectId, that.projectId)
                    && mimeCategory.equals(that.mimeCategory)
                    && classification.equals(that.classification);
        }
    }

    // The groups of everything, the organization and the project (null where the file has none) of a
    // file with these attributes, and its key in the map of them.
    private static final class FileGroups extends FileAttributes {
        Counts all;
        Counts organization;
        Counts project;
    }

    private record UserFile(String userId, String fileId) {}

    // A group's counts, and its key in the map of groups (one object a group).
    private static final class Counts extends Key {
        long files;
        long bytes;
        long uploads;
        long downloads;
        long deletes;
        long bytesTransferred;
        long failures;

        void add(Outcome outcome, long bytesTransferred, boolean newFile) {
            switch (outcome) {
                case UPLOADED -> {
                    uploads++;
                    bytes += bytesTransferred;
                    if (newFile) {
                        files++;
                    }
                }
                case DOWNLOADED -> downloads++;
                case DELETED -> deletes++;
                case FAILED -> failures++;
                default -> {}
            }
            if (outcome.succeeded()) {
                this.bytesTransferred += bytesTransferred;
            }
        }
    }
}
