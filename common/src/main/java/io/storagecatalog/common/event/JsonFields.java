package io.storagecatalog.common.event;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Reads the fields of one JSON object and turns every problem into an {@link InvalidEventException}
 * that names the field by its full path. When {@code lenient}, absent required fields read as null
 * (events that did not succeed are recorded for the audit trail with whatever they carry); present
 * fields are always validated.
 */
final class JsonFields {

    // Text limits: FieldLimit.
    /** The earliest event or expiry time accepted: the Unix epoch. */
    static final Instant EARLIEST_TIME = Instant.EPOCH;
    /** The latest: the end of year 9999, the last that RFC 3339 (and PostgreSQL's input) can write. */
    static final Instant LATEST_TIME = Instant.parse("9999-12-31T23:59:59.999999Z");
    /**
     * The largest size of an object or a transfer: 1 PiB, beyond any S3 store's object (5 TiB on S3,
     * 50 TiB on MinIO), and small enough that the catalog's sums (a quota's usage, a day's statistics)
     * cannot overflow a bigint.
     */
    static final long MAX_SIZE_BYTES = 1L << 50;
    /** How far an event's declared time may run ahead of its record's timestamp. */
    static final java.time.Duration MAX_CLOCK_SKEW = java.time.Duration.ofHours(1);

    private final ObjectMapper mapper;
    private final JsonNode node;
    private final String path;
    private final boolean lenient;

    JsonFields(ObjectMapper mapper, JsonNode node, String path, boolean lenient) {
        this.mapper = mapper;
        this.node = node;
        this.path = path;
        this.lenient = lenient;
    }

    String path(String name) {
        return path.isEmpty() ? name : path + '.' + name;
    }

    boolean has(String name) {
        JsonNode value = node.get(name);
        return value != null && !value.isNull();
    }

    /** Whether absent required fields read as null (the data of an event that did not succeed). */
    boolean lenient() {
        return lenient;
    }

    JsonFields strict() {
        return new JsonFields(mapper, node, path, false);
    }

    String requiredString(String name, int maxBytes) {
        String value = optionalString(name, maxBytes);
        if (value == null && !lenient) {
            throw missing(name);
        }
        return value;
    }

    String optionalString(String name, int maxBytes) {
        JsonNode value = present(name);
        if (value == null) {
            return null;
        }
        if (!value.isString()) {
            throw invalid(name, "must be a string, was " + describe(value));
        }
        String text = value.asString();
        if (text.isBlank()) {
            throw invalid(name, "must not be blank");
        }
        String problem = lengthProblem(text, maxBytes);
        if (problem != null) {
            throw invalid(name, problem);
        }
        return text;
    }

    /** What makes a text too long to store under a limit in UTF-8 bytes, or null. */
    static String lengthProblem(String text, int maxBytes) {
        long bytes = utf8Bytes(text);
        return bytes <= maxBytes ? null : "must be at most " + maxBytes + " bytes in UTF-8, was " + bytes;
    }

    /** The length of a text in UTF-8, without encoding it. */
    static long utf8Bytes(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)
                    && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /**
     * An object path (a file id or a provider path): '/'-separated, without control characters and
     * without "." or ".." segments, which would let a path name another place than it reads.
     */
    String requiredPath(String name) {
        return checkedPath(name, requiredString(name, FieldLimit.PATH.bytes()));
    }

    String optionalPath(String name) {
        return checkedPath(name, optionalString(name, FieldLimit.PATH.bytes()));
    }

    private String checkedPath(String name, String text) {
        String problem = text == null ? null : pathProblem(text);
        if (problem != null) {
            throw invalid(name, problem);
        }
        return text;
    }

    /** What is wrong with an object path, or null when nothing is. */
    static String pathProblem(String text) {
        if (hasControlCharacter(text)) {
            return "must not contain control characters";
        }
        for (String segment : text.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return "must not contain a '" + segment + "' path segment";
            }
        }
        return null;
    }

    /** A file name: one name, not a path (no '/' or '\\', not "." or "..", no control characters). */
    String requiredName(String name) {
        return checkedName(name, requiredString(name, FieldLimit.NAME.bytes()));
    }

    String optionalName(String name) {
        return checkedName(name, optionalString(name, FieldLimit.NAME.bytes()));
    }

    private String checkedName(String name, String text) {
        if (text == null) {
            return null;
        }
        if (hasControlCharacter(text)) {
            throw invalid(name, "must not contain control characters");
        }
        if (text.indexOf('/') >= 0 || text.indexOf('\\') >= 0 || text.equals(".") || text.equals("..")) {
            throw invalid(name, "must be a file name, not a path");
        }
        return text;
    }

    private static boolean hasControlCharacter(String text) {
        return text.chars().anyMatch(c -> c < 0x20 || c == 0x7F);
    }

    Long requiredLong(String name, long min) {
        Long value = optionalLong(name, min);
        if (value == null && !lenient) {
            throw missing(name);
        }
        return value;
    }

    /** A size in bytes: from 0 to {@link #MAX_SIZE_BYTES}. */
    Long requiredSize(String name) {
        Long value = optionalSize(name);
        if (value == null && !lenient) {
            throw missing(name);
        }
        return value;
    }

    Long optionalSize(String name) {
        Long value = optionalLong(name, 0);
        if (value != null && value > MAX_SIZE_BYTES) {
            throw invalid(name, "must be at most " + MAX_SIZE_BYTES + " (1 PiB), was " + value);
        }
        return value;
    }

    Long optionalLong(String name, long min) {
        JsonNode value = present(name);
        if (value == null) {
            return null;
        }
        if (!value.isIntegralNumber()) {
            throw invalid(name, "must be an integer, was " + describe(value));
        }
        if (!value.canConvertToLong()) {
            throw invalid(
                    name,
                    value.bigIntegerValue().signum() < 0
                            ? "must be >= " + min + ", was " + abbreviate(value.asString())
                            : "must be at most " + Long.MAX_VALUE + ", was " + abbreviate(value.asString()));
        }
        long number = value.asLong();
        if (number < min) {
            throw invalid(name, "must be >= " + min + ", was " + number);
        }
        return number;
    }

    Integer requiredInt(String name, int min) {
        Integer value = optionalInt(name, min);
        if (value == null && !lenient) {
            throw missing(name);
        }
        return value;
    }

    Integer optionalInt(String name, int min) {
        Long value = optionalLong(name, min);
        if (value == null) {
            return null;
        }
        if (value > Integer.MAX_VALUE) {
            throw invalid(name, "must be at most " + Integer.MAX_VALUE + ", was " + value);
        }
        return value.intValue();
    }

    boolean optionalBoolean(String name, boolean defaultValue) {
        JsonNode value = present(name);
        if (value == null) {
            return defaultValue;
        }
        if (!value.isBoolean()) {
            throw invalid(name, "must be true or false, was " + describe(value));
        }
        return value.asBoolean();
    }

    UUID requiredUuid(String name) {
        UUID value = optionalUuid(name);
        if (value == null && !lenient) {
            throw missing(name);
        }
        return value;
    }

    UUID optionalUuid(String name) {
        // uuid() checks the length: a long value is "not a uuid", not "too long".
        String text = optionalString(name, FieldLimit.ID.bytes());
        return text == null ? null : uuid(path(name), text);
    }

    static UUID uuid(String field, String text) {
        // UUID.fromString accepts short forms such as "1-2-3-4-5"; the contract wants the canonical one.
        // The value is not echoed: what is not a uuid may be a name.
        if (text.length() != 36) {
            throw new InvalidEventException(field, "must be a uuid", RejectionReason.INVALID_VALUE);
        }
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidEventException(field, "must be a uuid", RejectionReason.INVALID_VALUE);
        }
    }

    Instant optionalTime(String name) {
        String text = optionalString(name, FieldLimit.CODE.bytes());
        return text == null ? null : time(path(name), text);
    }

    static Instant time(String field, String text) {
        Instant time;
        try {
            // RFC 3339 allows a lower-case 't' and 'z'.
            time = OffsetDateTime.parse(text.toUpperCase(Locale.ROOT), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    .toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidEventException(field, "must be an RFC 3339 timestamp", RejectionReason.INVALID_VALUE);
        }
        return inRange(field, time);
    }

    /**
     * An event's time: the one it declares, or else its record's timestamp, stored either way. A declared
     * time may run ahead of the record's timestamp by clock skew ({@link #MAX_CLOCK_SKEW}), no more:
     * judged against the record, not the reader's clock, so that every worker judges an event alike
     * whenever it reads it.
     */
    static Instant eventTime(String field, Instant declared, Instant recordTimestamp) {
        if (declared == null) {
            return inRange("timestamp", recordTimestamp);
        }
        if (!recordTimestamp.isBefore(EARLIEST_TIME) && declared.isAfter(recordTimestamp.plus(MAX_CLOCK_SKEW))) {
            throw new InvalidEventException(
                    field,
                    "must not be more than " + MAX_CLOCK_SKEW.toMinutes() + " minutes after the record's timestamp",
                    RejectionReason.INVALID_VALUE);
        }
        return declared;
    }

    /** A time the catalog can store and write back as RFC 3339: from the Unix epoch to the end of 9999. */
    static Instant inRange(String field, Instant time) {
        if (time.isBefore(EARLIEST_TIME) || time.isAfter(LATEST_TIME)) {
            throw new InvalidEventException(
                    field,
                    "must be between " + EARLIEST_TIME + " and 9999-12-31T23:59:59Z",
                    RejectionReason.INVALID_VALUE);
        }
        return time;
    }

    <E extends Enum<E>> E requiredEnum(String name, Class<E> type) {
        E value = optionalEnum(name, type, null);
        if (value == null && !lenient) {
            throw missing(name);
        }
        return value;
    }

    <E extends Enum<E>> E optionalEnum(String name, Class<E> type, E defaultValue) {
        String text = optionalString(name, FieldLimit.CODE.bytes());
        if (text == null) {
            return defaultValue;
        }
        return enumValue(path(name), type, text);
    }

    static <E extends Enum<E>> E enumValue(String field, Class<E> type, String text) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(text)) {
                return constant;
            }
        }
        List<String> allowed = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            allowed.add(constant.name().toLowerCase(Locale.ROOT));
        }
        throw new InvalidEventException(
                field, "must be one of " + String.join(", ", allowed), RejectionReason.INVALID_VALUE);
    }

    List<String> optionalStringArray(String name) {
        JsonNode value = present(name);
        if (value == null) {
            return null;
        }
        if (!value.isArray()) {
            throw invalid(name, "must be an array of strings, was " + describe(value));
        }
        if (value.size() > FieldLimit.MAX_TAGS) {
            throw invalid(name, "must have at most " + FieldLimit.MAX_TAGS + " items, had " + value.size());
        }
        List<String> items = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            String itemPath = path(name) + '[' + i + ']';
            if (!item.isString() || item.asString().isBlank()) {
                throw new InvalidEventException(
                        itemPath,
                        item.isString() ? "must not be blank" : "must be a non-blank string, was " + describe(item),
                        RejectionReason.INVALID_VALUE);
            }
            String problem = lengthProblem(item.asString(), FieldLimit.TAG.bytes());
            if (problem != null) {
                throw new InvalidEventException(itemPath, problem, RejectionReason.INVALID_VALUE);
            }
            items.add(item.asString());
        }
        return items;
    }

    /** @return the object as compact JSON text, or null when absent */
    String optionalObjectJson(String name) {
        JsonNode value = optionalObject(name);
        return value == null ? null : mapper.writeValueAsString(value);
    }

    JsonNode optionalObject(String name) {
        JsonNode value = present(name);
        if (value == null) {
            return null;
        }
        if (!value.isObject()) {
            throw invalid(name, "must be a JSON object, was " + describe(value));
        }
        return value;
    }

    JsonFields requiredObject(String name) {
        JsonNode value = optionalObject(name);
        if (value == null && lenient) {
            return new JsonFields(mapper, mapper.createObjectNode(), path(name), true);
        }
        if (value == null) {
            throw missing(name);
        }
        return new JsonFields(mapper, value, path(name), lenient);
    }

    JsonFields optionalFields(String name) {
        JsonNode value = optionalObject(name);
        return value == null ? null : new JsonFields(mapper, value, path(name), lenient);
    }

    JsonNode node() {
        return node;
    }

    InvalidEventException missing(String name) {
        return new InvalidEventException(path(name), "is required", RejectionReason.MISSING_FIELD);
    }

    InvalidEventException invalid(String name, String problem) {
        return new InvalidEventException(path(name), problem, RejectionReason.INVALID_VALUE);
    }

    private JsonNode present(String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? null : value;
    }

    static String describe(JsonNode value) {
        return switch (value.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> "the number " + abbreviate(value.asString());
            case BOOLEAN -> value.asBoolean() ? "true" : "false";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case NULL -> "null";
            default -> value.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }

    /**
     * Values echoed into errors (numbers, protocol values such as a content type) are shortened; text that
     * may name a person or a file (identifiers, names, paths, free text) is never echoed.
     */
    static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }
}
