package dev.pipeguard.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pipeguard.model.RuleInfo;
import dev.pipeguard.model.Severity;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The header every rule file shares (a policy's {@code policy.yml}, a Java rule's
 * {@code rule.yml}): id, title, severity, precision, security-severity, tags, scope, role,
 * requires, description, help and parameters, read into a {@link RuleInfo} in file order.
 */
public final class RuleHeader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RuleHeader() {
    }

    /** Reads the header of an already validated rule file; {@code pack} applies when the file names none. */
    public static RuleInfo read(JsonNode n, String pack, String file) {
        Map<String, RuleInfo.Parameter> params = new LinkedHashMap<>();
        if (n.has("parameters")) {
            n.get("parameters").fields().forEachRemaining(e -> params.put(e.getKey(), new RuleInfo.Parameter(
                    e.getKey(), e.getValue().get("description").asText(),
                    JSON.convertValue(e.getValue().get("default"), Object.class))));
        }
        List<String> tags = new ArrayList<>();
        if (n.has("tags")) {
            n.get("tags").forEach(t -> tags.add(t.asText()));
        }
        boolean needsSettings = false;
        if (n.has("requires")) {
            for (JsonNode r : n.get("requires")) {
                needsSettings |= "settings".equals(r.asText());
            }
        }
        return new RuleInfo(n.get("id").asText(), n.get("title").asText(),
                Severity.parse(n.get("severity").asText()), n.get("description").asText().trim(),
                n.get("help").asText().trim(), List.copyOf(tags),
                n.has("precision") ? n.get("precision").asText() : "high",
                n.has("security-severity") ? n.get("security-severity").asDouble() : null,
                needsSettings, n.has("pack") ? n.get("pack").asText() : pack, n.get("scope").asText(),
                n.has("role") ? n.get("role").asText().trim() : null, Collections.unmodifiableMap(params), file);
    }
}
