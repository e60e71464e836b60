package dev.pipeguard.policy;

import dev.cel.runtime.CelEvaluationException;
import dev.pipeguard.model.Finding;
import dev.pipeguard.model.Notice;
import dev.pipeguard.model.Repository;
import dev.pipeguard.model.RuleInfo;
import dev.pipeguard.model.Span;
import dev.pipeguard.rules.Rule;
import dev.pipeguard.rules.RuleContext;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A declarative policy compiled once: the targets of its scope that {@code where} selects, the
 * checks each target must pass, and what to say when no target is found. To the engine it is just
 * another {@link Rule}.
 */
public final class Policy implements Rule {

    /** One assertion, optionally repeated over a list ({@code item} is bound to each element). */
    record Check(Cel.Program forEach, Cel.Program unknownIf, Cel.Program assertion, Template message, Cel.Program at,
                 Cel.Program logical, String origin) {
    }

    /** What to report when the scope has no target that {@code where} selects. */
    record WhenNone(Template message, Cel.Program at, String origin) {
    }

    private final RuleInfo info;
    private final Cel.Program where;
    private final String whereOrigin;
    private final List<Check> checks;
    private final WhenNone whenNone;

    Policy(RuleInfo info, Cel.Program where, String whereOrigin, List<Check> checks, WhenNone whenNone) {
        this.info = info;
        this.where = where;
        this.whereOrigin = whereOrigin;
        this.checks = checks;
        this.whenNone = whenNone;
    }

    @Override
    public RuleInfo info() {
        return info;
    }

    @Override
    public void check(RuleContext context) {
        Repository repo = context.repository();
        if (info.requiresSettings() && repo.settings() == null) {
            context.notice(new Notice(Notice.Kind.NOT_EVALUATED, info.id(),
                    "not evaluated: needs repository settings (pass --settings FILE)", null));
            return;
        }
        Map<String, Object> base = new HashMap<>();
        Map<String, Object> repoView = ModelViewCache.of(repo);
        base.put("repo", repoView);
        Object settings = repoView.get("settings");
        base.put("settings", settings == null ? Map.of() : settings);
        base.put("params", ModelView.convert(context.parameters()));
        for (String v : Cel.VARIABLES) {
            base.putIfAbsent(v, Map.of());
        }
        int selected = 0;
        for (Target target : Targets.of(info.scope(), repoView)) {
            Map<String, Object> vars = new HashMap<>(base);
            vars.putAll(target.variables());
            try {
                if (where != null && !Boolean.TRUE.equals(where.eval(vars))) {
                    continue;
                }
            } catch (CelEvaluationException e) {
                ruleError(context, whereOrigin, e);
                continue;
            }
            selected++;
            for (Check check : checks) {
                run(check, vars, target.location(), context);
            }
        }
        if (selected == 0 && whenNone != null) {
            try {
                Span at = whenNone.at() == null ? ModelView.anchor(repo) : locate(whenNone.at().eval(base), ModelView.anchor(repo));
                context.report(new Finding(info.id(), info.severity(), whenNone.message().render(base), at, null, List.of()));
            } catch (CelEvaluationException e) {
                ruleError(context, whenNone.origin(), e);
            }
        }
    }

    private void run(Check check, Map<String, Object> vars, Span fallback, RuleContext context) {
        try {
            if (check.forEach() == null) {
                assertOne(check, vars, fallback, context);
                return;
            }
            Object items = check.forEach().eval(vars);
            if (!(items instanceof Collection<?> list)) {
                throw new IllegalArgumentException("for-each must give a list, not " + Template.text(items));
            }
            for (Object item : list) {
                Map<String, Object> withItem = new HashMap<>(vars);
                withItem.put("item", item);
                assertOne(check, withItem, fallback, context);
            }
        } catch (CelEvaluationException | IllegalArgumentException e) {
            ruleError(context, check.origin(), e);
        }
    }

    private void assertOne(Check check, Map<String, Object> vars, Span fallback, RuleContext context)
            throws CelEvaluationException {
        if (check.unknownIf() != null && Boolean.TRUE.equals(check.unknownIf().eval(vars))) {
            String why;
            try {
                why = check.message().render(vars);
            } catch (CelEvaluationException e) {
                // NOTE: the message may read the very setting that is unknown; say so plainly.
                why = "a setting this check needs is not visible";
            }
            context.notice(new Notice(Notice.Kind.NOT_EVALUATED, info.id(), "not evaluated: " + why, null));
            return;
        }
        Object ok = check.assertion().eval(vars);
        if (!(ok instanceof Boolean b)) {
            throw new IllegalArgumentException("assert must give true or false, not " + Template.text(ok));
        }
        if (b) {
            return;
        }
        Span at = check.at() == null ? fallback : locate(check.at().eval(vars), fallback);
        String logical = check.logical() != null ? Template.text(check.logical().eval(vars)) : logical(vars);
        context.report(new Finding(info.id(), info.severity(), check.message().render(vars), at, logical, List.of()));
    }

    /** Names the setting a branch or environment finding is about, for SARIF logical locations. */
    private String logical(Map<String, Object> vars) {
        if ("branch".equals(info.scope()) && vars.get("branch") instanceof Map<?, ?> b && b.get("name") != null) {
            return "branch:" + b.get("name");
        }
        if ("environment".equals(info.scope()) && vars.get("environment") instanceof Map<?, ?> e && e.get("name") != null) {
            return "environment:" + e.get("name");
        }
        if (info.requiresSettings() && vars.get("item") instanceof String s) {
            return "setting:" + s;
        }
        return null;
    }

    /** A span from what an {@code at:} expression gave: a span string, a node with a span, or a list of them. */
    static Span locate(Object value, Span fallback) {
        if (value instanceof String s) {
            try {
                return Span.parse(s);
            } catch (IllegalArgumentException e) {
                return fallback;
            }
        }
        if (value instanceof Map<?, ?> m) {
            return locate(m.get("span"), fallback);
        }
        if (value instanceof Collection<?> c) {
            for (Object o : c) {
                Span s = locate(o, null);
                if (s != null) {
                    return s;
                }
            }
        }
        return fallback;
    }

    private void ruleError(RuleContext context, String origin, Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
        context.notice(new Notice(Notice.Kind.RULE_ERROR, info.id(), origin + ": cannot evaluate: " + message, null));
    }

    /** One thing a scope iterates over, with the variables it binds and its default location. */
    record Target(Map<String, Object> variables, Span location) {
    }

    /** Enumerates the targets of each scope over the repository view. */
    static final class Targets {
        private Targets() {
        }

        @SuppressWarnings("unchecked")
        static List<Target> of(String scope, Map<String, Object> repo) {
            List<Target> out = new ArrayList<>();
            Span anchor = Span.parse((String) repo.get("anchor"));
            List<Map<String, Object>> workflows = (List<Map<String, Object>>) repo.get("workflows");
            List<Map<String, Object>> actions = (List<Map<String, Object>>) repo.get("actions");
            Map<String, Object> settings = (Map<String, Object>) repo.getOrDefault("settings", Map.of());
            switch (scope) {
                case "repository" -> out.add(new Target(Map.of(), anchor));
                case "workflow" -> workflows.forEach(w -> out.add(new Target(Map.of("workflow", w), span(w, "onSpan", anchor))));
                case "job" -> workflows.forEach(w -> jobs(w).forEach(j ->
                        out.add(new Target(Map.of("workflow", w, "job", j), span(j, "span", anchor)))));
                case "step" -> {
                    workflows.forEach(w -> jobs(w).forEach(j -> list(j, "steps").forEach(s ->
                            out.add(new Target(Map.of("workflow", w, "job", j, "step", s), stepSpan(s, anchor))))));
                    actions.forEach(a -> list(a, "steps").forEach(s ->
                            out.add(new Target(Map.of("action", a, "step", s), stepSpan(s, anchor)))));
                }
                case "action" -> actions.forEach(a -> out.add(new Target(Map.of("action", a), span(a, "span", anchor))));
                case "branch" -> named(settings, "branches").forEach(b -> out.add(new Target(Map.of("branch", b), anchor)));
                case "environment" -> named(settings, "environments").forEach(e -> out.add(new Target(Map.of("environment", e), anchor)));
                default -> throw new IllegalArgumentException("unknown scope " + scope);
            }
            return out;
        }

        @SuppressWarnings("unchecked")
        private static List<Map<String, Object>> jobs(Map<String, Object> workflow) {
            return (List<Map<String, Object>>) workflow.getOrDefault("jobs", List.of());
        }

        @SuppressWarnings("unchecked")
        private static List<Map<String, Object>> list(Map<String, Object> map, String key) {
            return (List<Map<String, Object>>) map.getOrDefault(key, List.of());
        }

        @SuppressWarnings("unchecked")
        private static List<Map<String, Object>> named(Map<String, Object> settings, String key) {
            List<Map<String, Object>> out = new ArrayList<>();
            ((Map<String, Object>) settings.getOrDefault(key, Map.of())).forEach((name, value) -> {
                Map<String, Object> m = new java.util.LinkedHashMap<>((Map<String, Object>) value);
                m.put("name", name);
                out.add(m);
            });
            return out;
        }

        private static Span span(Map<String, Object> node, String key, Span fallback) {
            Object s = node.get(key);
            return s instanceof String str ? Span.parse(str) : fallback;
        }

        @SuppressWarnings("unchecked")
        private static Span stepSpan(Map<String, Object> step, Span fallback) {
            for (String key : List.of("uses", "run", "name")) {
                if (step.get(key) instanceof Map<?, ?> m && m.get("span") instanceof String s) {
                    return Span.parse(s);
                }
            }
            return span(step, "span", fallback);
        }
    }
}
