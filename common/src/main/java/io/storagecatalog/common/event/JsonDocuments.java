package io.storagecatalog.common.event;

import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** Parses record values into JSON trees, strictly, and checks what PostgreSQL cannot store. */
final class JsonDocuments {

    /** Deepest nesting of a record's JSON: far beyond any event's shape, far below jsonb's stack. */
    static final int MAX_DEPTH = 32;
    /** Most digits of a number in a JSON document (PostgreSQL's numeric holds far more). */
    static final int MAX_NUMBER_DIGITS = 1000;

    private final ObjectMapper mapper;

    JsonDocuments() {
        // Duplicate keys are rejected: two values for one field would make the event ambiguous.
        this.mapper = JsonMapper.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
    }

    ObjectMapper mapper() {
        return mapper;
    }

    /** @param field the name of the thing parsed, for errors ({@code value}, {@code data}) */
    JsonNode parseObject(String field, byte[] bytes) {
        JsonNode root;
        try {
            root = mapper.readTree(bytes);
        } catch (JacksonException e) {
            throw new InvalidEventException(
                    field, "malformed JSON" + where(e.getLocation()), RejectionReason.MALFORMED);
        }
        if (root == null || root.isMissingNode()) {
            throw new InvalidEventException(field, "is empty", RejectionReason.MALFORMED);
        }
        if (!root.isObject()) {
            throw new InvalidEventException(
                    field, "must be a JSON object, was " + JsonFields.describe(root), RejectionReason.MALFORMED);
        }
        // The fields of a whole record value are named from its root (data.filename, Records[0]...), as
        // in every other error; the fields of a binary-mode value are named under "data".
        checkStorable(root, "value".equals(field) ? "" : field, 1);
        return root;
    }

    // The error location only: Jackson's message would echo the payload (which may hold patient data).
    private static String where(TokenStreamLocation location) {
        if (location == null || location.getLineNr() < 0) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /**
     * Rejects what PostgreSQL cannot store, or would store as something else, anywhere in a document:
     * U+0000 and unpaired surrogates in text and field names (text and jsonb refuse the first; the second
     * would be written as '?', and the audit row's hash would no longer match it), numbers that are not
     * finite or beyond numeric's range, and nesting deeper than {@value #MAX_DEPTH} levels.
     */
    private static void checkStorable(JsonNode node, String path, int depth) {
        if (depth > MAX_DEPTH) {
            throw new InvalidEventException(
                    path.isEmpty() ? "value" : path,
                    "nests deeper than " + MAX_DEPTH + " levels",
                    RejectionReason.INVALID_VALUE);
        }
        if (node.isString()) {
            String problem = textProblem(node.asString());
            if (problem != null) {
                throw new InvalidEventException(path, problem, RejectionReason.INVALID_VALUE);
            }
        } else if (node.isNumber()) {
            if (!storableNumber(node)) {
                throw new InvalidEventException(
                        path,
                        "must be a finite number of at most " + MAX_NUMBER_DIGITS + " digits",
                        RejectionReason.INVALID_VALUE);
            }
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                String problem = textProblem(entry.getKey());
                if (problem != null) {
                    throw new InvalidEventException(
                            path.isEmpty() ? "value" : path,
                            "has a field name that " + problem,
                            RejectionReason.INVALID_VALUE);
                }
                String childPath = path.isEmpty() ? entry.getKey() : path + '.' + entry.getKey();
                checkStorable(entry.getValue(), childPath, depth + 1);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checkStorable(node.get(i), path + '[' + i + ']', depth + 1);
            }
        }
    }

    /** What PostgreSQL cannot store faithfully in a text, or null. */
    static String textProblem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\0') {
                return "contains a NUL character (U+0000), which cannot be stored";
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "is not valid Unicode (an unpaired surrogate)";
            }
        }
        return null;
    }

    private static boolean storableNumber(JsonNode number) {
        if (number.isIntegralNumber()) {
            return number.canConvertToLong()
                    || number.bigIntegerValue().abs().toString().length() <= MAX_NUMBER_DIGITS;
        }
        if (number.isBigDecimal()) {
            java.math.BigDecimal value = number.decimalValue();
            return Math.abs((long) value.precision() - value.scale()) <= MAX_NUMBER_DIGITS
                    && Math.abs((long) value.scale()) <= MAX_NUMBER_DIGITS;
        }
        return Double.isFinite(number.doubleValue());
    }
}
