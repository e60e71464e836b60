package dev.pipeguard.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pipeguard.load.LocatedTree;
import dev.pipeguard.model.Problem;
import dev.pipeguard.model.RuleInfo;
import dev.pipeguard.model.Severity;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a Java rule's facts from {@code policies/<pack>/<id>/rule.yml}, the same header fields a
 * declarative policy has (id, title, severity, precision, security-severity, tags, scope,
 * requires, description, help, parameters) without its CEL. The folder also holds the rule's
 * {@code pass/} and {@code fail/} fixtures, so docs and fixture runs treat both kinds alike.
 */
public final class RuleMetadata {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RuleMetadata() {
    }

    /** The facts of rule {@code id} in {@code pack}; a missing or broken file is a build bug, so it throws. */
    public static RuleInfo load(String pack, String id) {
        String file = "policies/" + pack + "/" + id + "/rule.yml";
        String text;
        try (InputStream in = RuleMetadata.class.getResourceAsStream("/" + file)) {
            if (in == null) {
                throw new IllegalStateException(file + " is missing from the build");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
        List<Problem> problems = new ArrayList<>();
        JsonNode n = LocatedTree.read(file, text, problems)
                .orElseThrow(() -> new IllegalStateException(file + ": " + problems)).root();
        for (String required : List.of("id", "title", "severity", "description", "help", "scope")) {
            if (!n.hasNonNull(required)) {
                throw new IllegalStateException(file + ": missing '" + required + "'");
            }
        }
        if (!id.equals(n.get("id").asText())) {
            throw new IllegalStateException(file + ": id '" + n.get("id").asText() + "' does not match its folder");
        }
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
        return new RuleInfo(id, n.get("title").asText(), Severity.parse(n.get("severity").asText()),
                n.get("description").asText().trim(), n.get("help").asText().trim(), List.copyOf(tags),
                n.has("precision") ? n.get("precision").asText() : "high",
                n.has("security-severity") ? n.get("security-severity").asDouble() : null,
                needsSettings, pack, n.get("scope").asText(),
                n.has("role") ? n.get("role").asText().trim() : null, Map.copyOf(params), file);
    }
}
