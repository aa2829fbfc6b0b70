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

    private final ObjectMapper mapper;

    JsonDocuments() {
        // Duplicate keys are rejected: two values for one field would make the event ambiguous.
        this.mapper = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
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
            throw new InvalidEventException(field, "malformed JSON" + where(e.getLocation()), RejectionReason.MALFORMED);
        }
        if (root == null || root.isMissingNode()) {
            throw new InvalidEventException(field, "is empty", RejectionReason.MALFORMED);
        }
        if (!root.isObject()) {
            throw new InvalidEventException(field, "must be a JSON object, was " + JsonFields.describe(root),
                    RejectionReason.MALFORMED);
        }
        // The fields of a whole record value are named from its root (data.filename, Records[0]...), as
        // in every other error; the fields of a binary-mode value are named under "data".
        rejectNulCharacters(root, "value".equals(field) ? "" : field);
        return root;
    }

    // The error location only: Jackson's message would echo the payload (which may hold patient data).
    private static String where(TokenStreamLocation location) {
        if (location == null || location.getLineNr() < 0) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /** PostgreSQL text and jsonb cannot hold U+0000; such a record could never be stored, so it is invalid. */
    private static void rejectNulCharacters(JsonNode node, String path) {
        if (node.isString()) {
            if (node.asString().indexOf('\0') >= 0) {
                throw new InvalidEventException(path, "contains a NUL character (U+0000), which cannot be stored",
                        RejectionReason.INVALID_VALUE);
            }
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                String childPath = path.isEmpty() ? entry.getKey() : path + '.' + entry.getKey();
                if (entry.getKey().indexOf('\0') >= 0) {
                    throw new InvalidEventException(path.isEmpty() ? "value" : path,
                            "has a field name with a NUL character (U+0000)",
                            RejectionReason.INVALID_VALUE);
                }
                rejectNulCharacters(entry.getValue(), childPath);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                rejectNulCharacters(node.get(i), path + '[' + i + ']');
            }
        }
    }
}
