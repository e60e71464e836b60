package dev.pipeguard.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pipeguard.load.LocatedTree;
import dev.pipeguard.load.SchemaCheck;
import dev.pipeguard.model.Problem;
import dev.pipeguard.model.Severity;
import dev.pipeguard.model.Span;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A repository's {@code .github/pipeguard.yml}: which packs run, the severity that fails the
 * check, per-policy switches, severities and parameters, and ignores. {@code packs} null means
 * all; {@code failOn} null means "never fail".
 */
public record Config(Set<String> packs, Severity failOn, Map<String, PolicySettings> policies,
                     Map<String, Span> policySpans, String file, List<Ignore> ignores) {

    public Config(Set<String> packs, Severity failOn, Map<String, PolicySettings> policies,
                  Map<String, Span> policySpans, String file) {
        this(packs, failOn, policies, policySpans, file, List.of());
    }

    /** An exemption of one rule's findings in the files matching {@code paths} (all when empty), until a day (inclusive; null: for good). */
    public record Ignore(String rule, List<String> paths, LocalDate until, String reason, Span span) {
    }

    /** The same config with other packs (null: all). */
    public Config withPacks(Set<String> newPacks) {
        return new Config(newPacks, failOn, policies, policySpans, file, ignores);
    }

    /** The same config with {@code id}'s enabled switch set. */
    public Config withEnabled(String id, boolean enabled) {
        Map<String, PolicySettings> copy = new LinkedHashMap<>(policies);
        PolicySettings s = copy.get(id);
        copy.put(id, s == null ? new PolicySettings(enabled, null, Map.of()) : new PolicySettings(enabled, s.severity(), s.parameters()));
        return new Config(packs, failOn, Map.copyOf(copy), policySpans, file, ignores);
    }

    /** One policy's overrides; null fields keep the policy's own value. */
    public record PolicySettings(Boolean enabled, Severity severity, Map<String, Object> parameters) {
    }

    private static final SchemaCheck SCHEMA = SchemaCheck.load("config.schema.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    public static Config defaults() {
        return new Config(null, Severity.ERROR, Map.of(), Map.of(), null);
    }

    /** Reads the config at {@code file}, shown as {@code shownAs}; problems are located, defaults used for what is broken. */
    public static Config load(Path file, String shownAs, List<Problem> problems) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            problems.add(new Problem(Span.fileStart(shownAs), "cannot read config: " + e.getMessage()));
            return defaults();
        }
        Optional<LocatedTree> read = LocatedTree.read(shownAs, text, problems);
        if (read.isEmpty()) {
            return defaults();
        }
        List<Problem> invalid = SCHEMA.validate(read.get());
        if (!invalid.isEmpty()) {
            problems.addAll(invalid);
            return defaults();
        }
        JsonNode root = read.get().root();
        Set<String> packs = null;
        if (root.has("packs")) {
            packs = new java.util.LinkedHashSet<>();
            for (JsonNode p : root.get("packs")) {
                packs.add(p.asText());
            }
        }
        Severity failOn = Severity.ERROR;
        if (root.has("fail-on")) {
            String f = root.get("fail-on").asText();
            failOn = "never".equals(f) ? null : Severity.parse(f);
        }
        Map<String, PolicySettings> policies = new LinkedHashMap<>();
        Map<String, Span> spans = new HashMap<>();
        if (root.has("policies")) {
            root.get("policies").fields().forEachRemaining(e -> {
                JsonNode v = e.getValue();
                @SuppressWarnings("unchecked")
                Map<String, Object> params = v.has("parameters") ? JSON.convertValue(v.get("parameters"), Map.class) : Map.of();
                policies.put(e.getKey(), new PolicySettings(
                        v.has("enabled") ? v.get("enabled").asBoolean() : null,
                        v.has("severity") ? Severity.parse(v.get("severity").asText()) : null, params));
                spans.put(e.getKey(), read.get().keySpan("/policies/" + e.getKey().replace("~", "~0").replace("/", "~1")));
            });
        }
        List<Ignore> ignores = new ArrayList<>();
        if (root.has("ignore")) {
            for (int i = 0; i < root.get("ignore").size(); i++) {
                JsonNode v = root.get("ignore").get(i);
                List<String> paths = new ArrayList<>();
                v.path("paths").forEach(p -> paths.add(p.asText()));
                LocalDate until = null;
                Span span = read.get().valueSpan("/ignore/" + i + "/rule");
                if (v.has("until")) {
                    try {
                        until = LocalDate.parse(v.get("until").asText());
                    } catch (DateTimeParseException e) {
                        problems.add(new Problem(read.get().valueSpan("/ignore/" + i + "/until"),
                                "'until' must be a date as YYYY-MM-DD, not '" + v.get("until").asText() + "'"));
                        continue;
                    }
                }
                ignores.add(new Ignore(v.get("rule").asText(), List.copyOf(paths), until, v.get("reason").asText().strip(), span));
            }
        }
        return new Config(packs, failOn, Map.copyOf(policies), Map.copyOf(spans), shownAs, List.copyOf(ignores));
    }
}
