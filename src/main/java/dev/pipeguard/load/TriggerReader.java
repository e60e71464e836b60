package dev.pipeguard.load;

import dev.pipeguard.model.Problem;
import dev.pipeguard.model.Scalar;
import dev.pipeguard.model.Span;
import dev.pipeguard.model.Trigger;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a workflow's {@code on:} (a name, a list of names or a mapping) into {@link Trigger}s, and
 * an input block into {@link Trigger.Input}s, reporting at its span each event, filter or input
 * GitHub rejects: unknown events, filters an event does not take, empty filters, bad input types.
 */
final class TriggerReader {

    private static final Set<String> TYPES = Set.of("types");
    private static final Set<String> NONE = Set.of();
    private static final Set<String> REFS = Set.of("branches", "branches-ignore");
    private static final Set<String> PULL_REQUEST = Set.of(
            "branches", "branches-ignore", "paths", "paths-ignore", "types");
    /** The keys each event takes under {@code on:}, from GitHub's "Events that trigger workflows". */
    private static final Map<String, Set<String>> EVENTS = Map.ofEntries(
            Map.entry("branch_protection_rule", TYPES), Map.entry("check_run", TYPES), Map.entry("check_suite", TYPES),
            Map.entry("create", NONE), Map.entry("delete", NONE), Map.entry("deployment", NONE),
            Map.entry("deployment_status", NONE), Map.entry("discussion", TYPES), Map.entry("discussion_comment", TYPES),
            Map.entry("fork", NONE), Map.entry("gollum", NONE), Map.entry("image_version", Set.of("names", "types", "versions")),
            Map.entry("issue_comment", TYPES), Map.entry("issues", TYPES), Map.entry("label", TYPES),
            Map.entry("merge_group", union(REFS, TYPES)), Map.entry("milestone", TYPES), Map.entry("page_build", NONE),
            Map.entry("project", TYPES), Map.entry("project_card", TYPES), Map.entry("project_column", TYPES),
            Map.entry("public", NONE), Map.entry("pull_request", PULL_REQUEST), Map.entry("pull_request_comment", TYPES),
            Map.entry("pull_request_review", TYPES), Map.entry("pull_request_review_comment", TYPES),
            Map.entry("pull_request_target", PULL_REQUEST),
            Map.entry("push", Set.of("branches", "branches-ignore", "tags", "tags-ignore", "paths", "paths-ignore")),
            Map.entry("registry_package", TYPES), Map.entry("release", TYPES), Map.entry("repository_dispatch", TYPES),
            Map.entry("schedule", NONE), Map.entry("status", NONE), Map.entry("watch", TYPES),
            Map.entry("workflow_call", Set.of("inputs", "outputs", "secrets")),
            Map.entry("workflow_dispatch", Set.of("inputs")),
            Map.entry("workflow_run", union(REFS, Set.of("types", "workflows"))));
    private static final Set<String> CALL_INPUT_TYPES = Set.of("string", "boolean", "number");
    private static final Set<String> DISPATCH_INPUT_TYPES = Set.of("string", "boolean", "number", "choice", "environment");

    private final String file;
    private final List<Problem> problems;

    TriggerReader(String file, List<Problem> problems) {
        this.file = file;
        this.problems = problems;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> out = new java.util.HashSet<>(a);
        out.addAll(b);
        return Set.copyOf(out);
    }

    List<Trigger> triggers(YamlNode on) {
        List<Trigger> out = new ArrayList<>();
        if (on instanceof YamlNode.Str s) {
            if (!s.value().isEmpty()) {
                out.add(bare(s));
            }
        } else if (on instanceof YamlNode.Seq seq) {
            for (YamlNode item : seq.items()) {
                if (item instanceof YamlNode.Str s) {
                    out.add(bare(s));
                } else {
                    expected(item, "each event in an 'on:' list must be an event name");
                }
            }
        } else if (on instanceof YamlNode.Map map) {
            for (YamlNode.Entry e : map.entries()) {
                out.add(trigger(e));
            }
        }
        if (out.isEmpty()) {
            problem(on.span(), "'on:' names no event");
        }
        return out;
    }

    private Trigger bare(YamlNode.Str s) {
        known(s.value(), s.span());
        return new Trigger(s.value(), s.span(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(), List.of(), List.of(), Map.of(), Map.of());
    }

    private boolean known(String event, Span span) {
        if (!EVENTS.containsKey(event)) {
            problem(span, "unknown event '" + event + "'");
            return false;
        }
        return true;
    }

    private Trigger trigger(YamlNode.Entry e) {
        String event = e.name();
        YamlNode v = e.value();
        boolean known = known(event, e.key().span());
        if ("schedule".equals(event)) {
            return new Trigger(event, e.key().span(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                    List.of(), List.of(), cron(v), Map.of(), Map.of());
        }
        YamlNode.Map m = v instanceof YamlNode.Map map ? map : null;
        if (v instanceof YamlNode.Str s && !"null".equals(s.scalar().type())) {
            expected(v, "event '" + event + "' takes a mapping of filters or nothing, not a scalar");
        } else if (v instanceof YamlNode.Seq) {
            expected(v, "event '" + event + "' takes a mapping of filters or nothing, not a sequence");
        } else if (m != null && known) {
            Set<String> allowed = EVENTS.get(event);
            if (allowed.isEmpty() && !m.entries().isEmpty()) {
                expected(m, "event '" + event + "' takes no filters");
            } else {
                for (YamlNode.Entry f : m.entries()) {
                    if (!allowed.contains(f.name())) {
                        problem(f.key().span(), "event '" + event + "' has no filter '" + f.name() + "'");
                    }
                }
            }
        }
        Map<String, Span> secrets = new LinkedHashMap<>();
        if (m != null && m.get("secrets") instanceof YamlNode.Map sm) {
            sm.entries().forEach(s -> secrets.put(s.name(), s.key().span()));
        }
        boolean call = "workflow_call".equals(event);
        return new Trigger(event, e.key().span(),
                filter(m, "branches"), filter(m, "branches-ignore"), filter(m, "tags"), filter(m, "tags-ignore"),
                filter(m, "paths"), filter(m, "paths-ignore"), filter(m, "types"), filter(m, "workflows"), List.of(),
                m == null ? Map.of() : inputs(m.get("inputs"), call ? CALL_INPUT_TYPES : DISPATCH_INPUT_TYPES, call),
                Map.copyOf(secrets));
    }

    private List<Scalar> cron(YamlNode v) {
        List<Scalar> cron = new ArrayList<>();
        if (v instanceof YamlNode.Seq seq) {
            for (YamlNode item : seq.items()) {
                if (item instanceof YamlNode.Map m && m.get("cron") instanceof YamlNode.Str c) {
                    cron.add(c.scalar());
                } else {
                    expected(item, "each schedule entry must be a mapping with 'cron'");
                }
            }
        } else {
            expected(v, "'schedule' must be a list of '- cron:' entries");
        }
        return List.copyOf(cron);
    }

    /** A filter: one non-empty string or a list of them. */
    private List<Scalar> filter(YamlNode.Map m, String key) {
        YamlNode.Entry e = m == null ? null : m.entry(key);
        if (e == null) {
            return List.of();
        }
        List<YamlNode> items = e.value() instanceof YamlNode.Seq seq ? seq.items() : List.of(e.value());
        List<Scalar> out = new ArrayList<>();
        for (YamlNode item : items) {
            if (!(item instanceof YamlNode.Str s)) {
                expected(item, "'" + key + "' takes names or patterns, not a " + item.kind());
            } else if (s.value().isEmpty()) {
                problem(item == e.value() ? e.key().span() : s.span(), "'" + key + "' is empty");
            } else {
                out.add(s.scalar());
            }
        }
        return List.copyOf(out);
    }

    /** Inputs of an action (any {@code type}: actions have none) when {@code types} is null. */
    Map<String, Trigger.Input> inputs(YamlNode node, Set<String> types, boolean typeRequired) {
        Map<String, Trigger.Input> out = new LinkedHashMap<>();
        if (node instanceof YamlNode.Map m) {
            for (YamlNode.Entry e : m.entries()) {
                YamlNode.Map spec = e.value() instanceof YamlNode.Map sm ? sm : null;
                Scalar type = spec != null && spec.get("type") instanceof YamlNode.Str t ? t.scalar() : null;
                Scalar required = spec != null && spec.get("required") instanceof YamlNode.Str r ? r.scalar() : null;
                Scalar defaultValue = spec != null && spec.get("default") instanceof YamlNode.Str d ? d.scalar() : null;
                if (types != null && type != null && !types.contains(type.value())) {
                    problem(type.span(), "input type must be one of " + new java.util.TreeSet<>(types) + ", not '" + type.value() + "'");
                } else if (types != null && typeRequired && type == null) {
                    problem(e.key().span(), "input '" + e.name() + "' of workflow_call needs a 'type'");
                }
                out.put(e.name(), new Trigger.Input(e.name(), type == null ? "string" : type.value(),
                        required != null && "true".equals(required.value()), defaultValue, e.key().span()));
            }
        } else if (YamlNode.present(node)) {
            expected(node, "'inputs' must be a mapping of input names");
        }
        return out;
    }

    private void expected(YamlNode node, String message) {
        problem(node.problemSpan(), message);
    }

    private void problem(Span span, String message) {
        problems.add(new Problem(span, message));
    }
}
