package io.storagecatalog.local;

import static org.quicktheories.generators.SourceDSL.integers;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Records a producer could publish, drawn from the contract's field domains and their edges: text at its
 * limit in bytes and one byte over, in one-, two-, three- and four-byte characters; Unicode's controls,
 * unpaired surrogates, NUL and direction marks; numbers at and beyond their ranges; times at and beyond
 * what the catalog stores; JSON nested to the limit and beyond, duplicated and missing fields, values of
 * the wrong type; in structured and binary mode; and records that are not events at all.
 */
final class HostileRecords {

    // Non-ASCII written as \\u escapes, as some producers do: an unpaired surrogate can then be sent at all.
    private static final JsonMapper JSON =
            JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
    private static final String SOURCE = "/fuzz";

    /** A record to publish: its key, value and headers, and the identity its event would have. */
    record Hostile(String description, String key, byte[] value, Map<String, String> headers, String eventKey) {}

    /** Where a value goes: a field of the data, an attribute of the envelope, or the record itself. */
    private enum Place {
        DATA,
        ENVELOPE,
        RECORD
    }

    private record Field(Place place, String name, int limitBytes) {}

    private static final List<Field> TEXT_FIELDS = List.of(
            new Field(Place.DATA, "fileId", 2048),
            new Field(Place.DATA, "providerPath", 2048),
            new Field(Place.DATA, "filename", 1024),
            new Field(Place.DATA, "originalName", 1024),
            new Field(Place.DATA, "mimeType", 255),
            new Field(Place.DATA, "checksum", 512),
            new Field(Place.DATA, "provider", 1024),
            new Field(Place.DATA, "organizationId", 1024),
            new Field(Place.DATA, "projectId", 1024),
            new Field(Place.DATA, "correlationId", 1024),
            new Field(Place.DATA, "userAgent", 1024),
            new Field(Place.DATA, "clientIp", 64),
            new Field(Place.DATA, "errorCode", 1024),
            new Field(Place.DATA, "changeDescription", 8192),
            new Field(Place.ENVELOPE, "id", 1024),
            new Field(Place.ENVELOPE, "source", 1024),
            new Field(Place.ENVELOPE, "subject", 2048));
    private static final List<String> NUMBER_FIELDS = List.of("size", "bytesTransferred", "durationMs");
    private static final List<String> TIME_FIELDS = List.of("time");
    private static final List<String> OBJECT_FIELDS =
            List.of("customMetadata", "providerMetadata", "metadata", "errorDetails");
    // One, two, three and four bytes in UTF-8.
    private static final List<String> CHARACTERS = List.of("a", "\u00e9", "\u75c5", "\ud83d\ude00");
    private static final List<String> ODD_TEXT = List.of(
            "",
            " ",
            "\u0000",
            "a\u0000b",
            "a\u0001b",
            "\u007f",
            "\ud800",
            "a\udc00",
            "\u202eevil.exe",
            "e\u0301",
            "\ufeff",
            "\uffff",
            "..",
            "a/../b",
            "a\\b",
            "/",
            "\t",
            "\u00a0",
            "%00",
            "null");
    private static final List<String> NUMBERS = List.of(
            "-1",
            "0",
            "1",
            "2147483647",
            "2147483648",
            "1125899906842624",
            "1125899906842625",
            "9223372036854775807",
            "9223372036854775808",
            "-9223372036854775808",
            "1.5",
            "1e400",
            "-0",
            "123456789012345678901234567890",
            "\"1\"",
            "true",
            "[]",
            "{}",
            "null");
    private static final List<String> TIMES = List.of(
            "1970-01-01T00:00:00Z",
            "1969-12-31T23:59:59Z",
            "9999-12-31T23:59:59Z",
            "9999-12-31T23:59:59-01:00",
            "+10000-01-01T00:00:00Z",
            "-0001-01-01T00:00:00Z",
            "0000-01-01T00:00:00Z",
            "2026-02-30T00:00:00Z",
            "2026-01-01t00:00:00z",
            "2026-01-01T00:00:00+14:00",
            "2026-01-01T00:00:00",
            "yesterday",
            "",
            "NOW+59M",
            "NOW+61M");

    private HostileRecords() {}

    /** One hostile record about the file {@code fileId}, published with that file's key. */
    static Gen<Hostile> about(String fileId) {
        Gen<Hostile> text = Generate.pick(TEXT_FIELDS).zip(textValue(), Generate.booleans(), (field, value, binary) -> {
            String chosen = value.in(field);
            return withValue(
                    fileId, field, JsonValue.text(chosen), field.name() + " = " + value.describe(chosen), binary);
        });
        Gen<Hostile> number = Generate.pick(NUMBER_FIELDS)
                .zip(
                        Generate.pick(NUMBERS),
                        Generate.booleans(),
                        (field, value, binary) -> withValue(
                                fileId,
                                new Field(Place.DATA, field, 0),
                                new JsonValue(value),
                                field + " = " + value,
                                binary));
        Gen<Hostile> time = Generate.pick(TIME_FIELDS)
                .zip(
                        Generate.pick(TIMES),
                        Generate.booleans(),
                        (field, value, binary) -> withValue(
                                fileId,
                                new Field(Place.ENVELOPE, field, 0),
                                JsonValue.text(relative(value)),
                                field + " = " + value,
                                binary));
        Gen<Hostile> object = Generate.pick(OBJECT_FIELDS)
                .zip(
                        objectValue(),
                        Generate.booleans(),
                        (field, value, binary) -> withValue(
                                fileId,
                                new Field(Place.DATA, field, 0),
                                value,
                                field + " = " + abbreviate(value.json()),
                                binary));
        Gen<Hostile> shape = Generate.pick(List.of(
                        "missing size",
                        "missing userId",
                        "null filename",
                        "duplicated size",
                        "tags of numbers",
                        "key of another file",
                        "not JSON",
                        "invalid UTF-8",
                        "empty value",
                        "large and invalid",
                        "unknown type",
                        "data as an array"))
                .zip(Generate.booleans(), (what, binary) -> shaped(fileId, what, binary));
        return Generate.frequency(List.of(
                org.quicktheories.api.Pair.of(5, text),
                org.quicktheories.api.Pair.of(2, number),
                org.quicktheories.api.Pair.of(2, time),
                org.quicktheories.api.Pair.of(2, object),
                org.quicktheories.api.Pair.of(2, shape)));
    }

    /** A valid upload of the file: what must be applied and audited after any hostile record. */
    static Hostile valid(String fileId) {
        ObjectNode event = upload(fileId);
        return structured(fileId, event, "valid upload");
    }

    /** A text: an odd one as it is, or one character repeated to a field's limit in bytes, one more or less. */
    private record Text(String odd, String character, int delta) {

        String in(Field field) {
            if (odd != null) {
                return odd;
            }
            int bytes = character.getBytes(StandardCharsets.UTF_8).length;
            String prefix = field.name().equals("fileId") || field.name().equals("providerPath") ? "files/" : "";
            int count = Math.max(1, (field.limitBytes() - prefix.length()) / bytes + delta);
            return prefix + character.repeat(count);
        }

        String describe(String text) {
            return odd != null
                    ? "'" + escape(odd) + "'"
                    : "U+" + Integer.toHexString(character.codePointAt(0)) + " to "
                            + text.getBytes(StandardCharsets.UTF_8).length + " bytes";
        }
    }

    private record JsonValue(String json) {
        static JsonValue text(String value) {
            return new JsonValue(JSON.writeValueAsString(value));
        }
    }

    // Text at its field's limit, one character under or one over, or an odd text.
    private static Gen<Text> textValue() {
        Gen<Text> sized = Generate.pick(CHARACTERS)
                .zip(integers().between(-1, 1), (character, delta) -> new Text(null, character, delta));
        Gen<Text> odd = Generate.pick(ODD_TEXT).map(text -> new Text(text, null, 0));
        return sized.mix(odd, 40);
    }

    private static Hostile withValue(String fileId, Field field, JsonValue value, String description, boolean binary) {
        ObjectNode event = upload(fileId);
        JsonNode node = JSON.readTree(value.json());
        if (field.place() == Place.DATA) {
            ((ObjectNode) event.get("data")).set(field.name(), node);
        } else {
            event.set(field.name(), node);
        }
        return binary ? binary(fileId, event, description + " (binary)") : structured(fileId, event, description);
    }

    private static Gen<JsonValue> objectValue() {
        return Generate.pick(List.of(31, 32, 33, 100))
                .map(HostileRecords::nested)
                .mix(
                        Generate.pick(List.of(
                                        "{\"k\":\"\\u0000\"}",
                                        "{\"\\u0000\":1}",
                                        "{\"a\":1e400}",
                                        "{\"a\":\"\\ud800\"}",
                                        "[1,2]",
                                        "\"text\"",
                                        "{\"a\":123456789012345678901234567890}",
                                        "{\"a\":{\"b\":[{\"c\":null}]}}"))
                                .map(JsonValue::new),
                        50);
    }

    private static JsonValue nested(int depth) {
        // The value sits two levels down (the envelope, data); the rest nests inside it.
        return new JsonValue("{\"n\":".repeat(depth) + "1" + "}".repeat(depth));
    }

    private static Hostile shaped(String fileId, String what, boolean binary) {
        ObjectNode event = upload(fileId);
        ObjectNode data = (ObjectNode) event.get("data");
        String key = fileId;
        switch (what) {
            case "missing size" -> data.remove("size");
            case "missing userId" -> data.remove("userId");
            case "null filename" -> data.putNull("filename");
            case "tags of numbers" -> data.putArray("tags").add(1).add(2);
            case "key of another file" -> key = fileId + "-other";
            case "unknown type" -> event.put("type", "storage.file.explode");
            // Past what a dead letter copies whole, within what the broker takes (about 1 MB).
            case "large and invalid" -> {
                event.put("type", "storage.file.explode");
                data.put("pad", "x".repeat(600_000));
            }
            case "data as an array" -> event.putArray("data").add(1);
            default -> {
                // handled on the bytes below
            }
        }
        Hostile hostile = binary && !what.equals("data as an array")
                ? binary(fileId, event, what + " (binary)")
                : structured(fileId, event, what);
        byte[] value = hostile.value();
        switch (what) {
            case "duplicated size" ->
                value = new String(value, StandardCharsets.UTF_8)
                        .replaceFirst("\"size\":", "\"size\":1,\"size\":")
                        .getBytes(StandardCharsets.UTF_8);
            case "not JSON" -> value = "{\"specversion\":\"1.0\",".getBytes(StandardCharsets.UTF_8);
            case "invalid UTF-8" ->
                value = new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
            case "empty value" -> value = new byte[0];
            default -> {
                // the value as built
            }
        }
        return new Hostile(hostile.description(), key, value, hostile.headers(), hostile.eventKey());
    }

    private static ObjectNode upload(String fileId) {
        ObjectNode event = JSON.createObjectNode()
                .put("specversion", "1.0")
                .put("id", UUID.randomUUID().toString())
                .put("source", SOURCE)
                .put("type", "storage.file.upload")
                .put("time", Instant.now().toString());
        event.putObject("data")
                .put("fileId", fileId)
                // One owner per file: a later upload by anyone else would be refused as forbidden.
                .put(
                        "userId",
                        UUID.nameUUIDFromBytes(("owner of " + fileId).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                                .toString())
                .put("filename", "scan.pdf")
                .put("mimeType", "application/pdf")
                .put("size", 1234)
                .put("checksum", "0".repeat(64))
                .put("provider", "minio")
                .put("providerPath", "catalog/" + fileId)
                .put("dataClassification", "confidential");
        return event;
    }

    private static Hostile structured(String fileId, ObjectNode event, String description) {
        return new Hostile(
                description,
                fileId,
                JSON.writeValueAsBytes(event),
                Map.of("content-type", "application/cloudevents+json"),
                eventKey(event));
    }

    private static Hostile binary(String fileId, ObjectNode event, String description) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "application/json");
        for (Map.Entry<String, JsonNode> attribute : event.properties()) {
            if (!attribute.getKey().equals("data")) {
                headers.put(
                        "ce_" + attribute.getKey(),
                        attribute.getValue().isString()
                                ? attribute.getValue().asString()
                                : attribute.getValue().toString());
            }
        }
        // Headers go as UTF-8 bytes: an unpaired surrogate becomes '?' on the way, as it would for any producer.
        String key = eventKey(event);
        return new Hostile(
                description,
                fileId,
                JSON.writeValueAsBytes(event.get("data")),
                headers,
                key == null ? null : new String(key.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
    }

    private static String eventKey(ObjectNode event) {
        JsonNode source = event.get("source");
        JsonNode id = event.get("id");
        return source != null && source.isString() && id != null && id.isString()
                ? source.asString() + " " + id.asString()
                : null;
    }

    private static String relative(String time) {
        return switch (time) {
            case "NOW+59M" -> Instant.now().plus(59, ChronoUnit.MINUTES).toString();
            case "NOW+61M" -> Instant.now().plus(61, ChronoUnit.MINUTES).toString();
            default -> time;
        };
    }

    private static String escape(String text) {
        StringBuilder escaped = new StringBuilder();
        text.chars().forEach(c -> escaped.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", c) : (char) c));
        return escaped.toString();
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }
}
