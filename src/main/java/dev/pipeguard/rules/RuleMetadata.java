package dev.pipeguard.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pipeguard.load.LocatedTree;
import dev.pipeguard.model.Problem;
import dev.pipeguard.model.RuleInfo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a Java rule's facts from {@code policies/<pack>/<id>/rule.yml}, the same header fields a
 * declarative policy has (id, title, severity, precision, security-severity, tags, scope,
 * requires, description, help, parameters) without its CEL. The folder also holds the rule's
 * {@code pass/} and {@code fail/} fixtures, so docs and fixture runs treat both kinds alike.
 */
public final class RuleMetadata {


    private RuleMetadata() {
    }

    /** The facts of rule {@code id} in {@code pack}; a missing or broken file is a build bug, so it throws. */
    public static RuleInfo load(String pack, String id) {
        String file = "policies/" + pack + "/" + id + "/rule.yml";
        JsonNode n = builtInYaml(file);
        for (String required : List.of("id", "title", "severity", "description", "help", "scope")) {
            if (!n.hasNonNull(required)) {
                throw new IllegalStateException(file + ": missing '" + required + "'");
            }
        }
        if (!id.equals(n.get("id").asText())) {
            throw new IllegalStateException(file + ": id '" + n.get("id").asText() + "' does not match its folder");
        }
        return RuleHeader.read(n, pack, file);
    }

    /** A YAML (or JSON) file shipped in the jar, e.g. {@code policies/security/data/...}; missing or broken is a build bug, so it throws. */
    static JsonNode builtInYaml(String file) {
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
        return LocatedTree.read(file, text, problems)
                .orElseThrow(() -> new IllegalStateException(file + ": " + problems)).root();
    }
}
