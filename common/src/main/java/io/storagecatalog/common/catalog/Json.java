package io.storagecatalog.common.catalog;

import java.util.List;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** Tags are stored as a real JSON array (the source platform stored them double-encoded, as a string). */
final class Json {

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();
    private static final TypeReference<List<String>> STRING_LIST = new TypeReference<>() {};

    private Json() {}

    static String array(List<String> values) {
        return MAPPER.writeValueAsString(values);
    }

    static List<String> strings(String json) {
        return json == null ? List.of() : MAPPER.readValue(json, STRING_LIST);
    }
}
