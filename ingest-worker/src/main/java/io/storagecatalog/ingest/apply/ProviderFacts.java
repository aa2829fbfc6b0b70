package io.storagecatalog.ingest.apply;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Merges what two sides say of an object's provider metadata: the keys of the one that knows better
 * win. Both documents passed the event contract, so both are JSON objects.
 */
final class ProviderFacts {

    private final JsonMapper json = JsonMapper.builder().build();

    /** @return {@code base} with every key of {@code winning} set to the winning value */
    String merge(String base, String winning) {
        if (base == null || base.isBlank() || "{}".equals(base)) {
            return winning;
        }
        if (winning == null || winning.isBlank() || "{}".equals(winning)) {
            return base;
        }
        JsonNode baseNode = json.readTree(base);
        JsonNode winningNode = json.readTree(winning);
        if (!(baseNode instanceof ObjectNode merged) || !(winningNode instanceof ObjectNode winningObject)) {
            return winning;
        }
        winningObject.properties().forEach(entry -> merged.set(entry.getKey(), entry.getValue()));
        return json.writeValueAsString(merged);
    }
}
