package dev.pipeguard.load;

import dev.pipeguard.model.ActionDefinition;
import dev.pipeguard.model.ActionRef;
import dev.pipeguard.model.EnvironmentRef;
import dev.pipeguard.model.Job;
import dev.pipeguard.model.Matrix;
import dev.pipeguard.model.Permissions;
import dev.pipeguard.model.Scalar;
import dev.pipeguard.model.Span;
import dev.pipeguard.model.Step;
import dev.pipeguard.model.Trigger;
import dev.pipeguard.model.Workflow;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes the model facts a golden file checks as stable text, one fact a line, every scalar with
 * its value, raw text, type, style and span; only the sections named are written.
 */
final class ModelDump {

    /** Every section, in the order they are written; a fixture's {@code # dump:} line picks some. */
    static final List<String> SECTIONS = List.of("workflow", "triggers", "jobs", "matrix", "steps");

    private final Set<String> sections;
    private final StringBuilder out = new StringBuilder();

    private ModelDump(Set<String> sections) {
        this.sections = sections;
    }

    static String workflow(Workflow w, Set<String> sections) {
        ModelDump d = new ModelDump(sections);
        if (sections.contains("workflow")) {
            d.line(0, "workflow " + w.span().start() + "-" + w.span().end() + " on " + at(w.onSpan()));
            d.opt(1, "name", w.name());
            d.permissions(1, w.permissions());
            d.map(1, "env", w.env());
            d.opt(1, "concurrency", w.concurrency());
        }
        if (sections.contains("triggers")) {
            w.triggers().forEach(d::trigger);
        }
        for (Job j : w.jobs()) {
            d.job(j);
        }
        return d.out.toString();
    }

    static String action(ActionDefinition a, Set<String> sections) {
        ModelDump d = new ModelDump(sections);
        d.line(0, "action " + at(a.span()));
        d.opt(1, "name", a.name());
        d.opt(1, "using", a.using());
        a.inputs().values().forEach(i -> d.input(1, i));
        if (sections.contains("steps")) {
            a.steps().forEach(s -> d.step(1, s));
        }
        return d.out.toString();
    }

    private void trigger(Trigger t) {
        line(0, "trigger " + t.event() + " " + at(t.span()));
        list(1, "branches", t.branches());
        list(1, "branches-ignore", t.branchesIgnore());
        list(1, "tags", t.tags());
        list(1, "tags-ignore", t.tagsIgnore());
        list(1, "paths", t.paths());
        list(1, "paths-ignore", t.pathsIgnore());
        list(1, "types", t.types());
        list(1, "workflows", t.workflows());
        list(1, "cron", t.cron());
        t.inputs().values().forEach(i -> input(1, i));
        t.secrets().forEach((name, span) -> line(1, "secret " + name + " " + at(span)));
    }

    private void input(int depth, Trigger.Input i) {
        line(depth, "input " + i.name() + " type=" + i.type() + " required=" + i.required() + " " + at(i.span()));
        opt(depth + 1, "default", i.defaultValue());
    }

    private void job(Job j) {
        boolean facts = sections.contains("jobs");
        if (facts || sections.contains("matrix") && j.matrix() != null || sections.contains("steps") && !j.steps().isEmpty()) {
            line(0, "job " + j.id() + " " + at(j.span()) + " body " + at(j.body()));
        }
        if (facts) {
            opt(1, "name", j.name());
            list(1, "needs", j.needs());
            opt(1, "if", j.ifCondition());
            list(1, "runs-on", j.runsOn());
            environment(j.environment());
            permissions(1, j.permissions());
            opt(1, "concurrency", j.concurrency());
            opt(1, "fail-fast", j.failFast());
            opt(1, "timeout-minutes", j.timeoutMinutes());
            uses(1, j.uses());
            map(1, "with", j.with());
            map(1, "secrets", j.secrets());
            if (j.secretsInherit() != null) {
                line(1, "secrets inherit " + at(j.secretsInherit()));
            }
            map(1, "env", j.env());
            opt(1, "container", j.container());
        }
        if (sections.contains("matrix") && j.matrix() != null) {
            matrix(j.matrix());
        }
        if (sections.contains("steps")) {
            j.steps().forEach(s -> step(1, s));
        }
    }

    private void matrix(Matrix m) {
        line(1, "matrix dynamic=" + m.dynamic() + " " + at(m.span()));
        m.axes().forEach((k, values) -> list(2, "axis " + k, values));
        rows(2, "include", m.include());
        rows(2, "exclude", m.exclude());
        for (Map<String, String> combo : m.combinations()) {
            StringBuilder b = new StringBuilder("combo");
            combo.forEach((k, v) -> b.append(' ').append(k).append('=').append(quote(v)));
            line(2, b.toString());
        }
        m.values().forEach((k, v) -> line(2, "values " + k + " " + v.stream().map(ModelDump::quote).toList()));
    }

    private void rows(int depth, String what, List<Map<String, Scalar>> rows) {
        for (int i = 0; i < rows.size(); i++) {
            map(depth, what + "[" + i + "]", rows.get(i));
        }
    }

    private void step(int depth, Step s) {
        line(depth, "step " + s.index() + " " + at(s.span()));
        opt(depth + 1, "id", s.id());
        opt(depth + 1, "name", s.name());
        opt(depth + 1, "if", s.ifCondition());
        uses(depth + 1, s.uses());
        opt(depth + 1, "run", s.run());
        opt(depth + 1, "shell", s.shell());
        opt(depth + 1, "working-directory", s.workingDirectory());
        opt(depth + 1, "continue-on-error", s.continueOnError());
        opt(depth + 1, "timeout-minutes", s.timeoutMinutes());
        map(depth + 1, "with", s.with());
        map(depth + 1, "env", s.env());
    }

    private void uses(int depth, ActionRef r) {
        if (r != null) {
            line(depth, "uses " + r.kind() + " owner=" + r.owner() + " repo=" + r.repo() + " path=" + r.path()
                    + " ref=" + r.ref() + " image=" + r.image() + " pinned=" + r.isPinned() + " " + scalar(r.source()));
        }
    }

    private void environment(EnvironmentRef e) {
        if (e != null) {
            line(1, "environment " + at(e.span()));
            opt(2, "name", e.name());
            opt(2, "url", e.url());
        }
    }

    private void permissions(int depth, Permissions p) {
        if (p != null) {
            line(depth, "permissions " + at(p.span()));
            opt(depth + 1, "all", p.all());
            p.scopes().forEach((k, v) -> line(depth + 1, k + " " + scalar(v)));
        }
    }

    private void map(int depth, String what, Map<String, Scalar> map) {
        map.forEach((k, v) -> line(depth, what + " " + (k.isEmpty() ? "<expression>" : k) + " " + scalar(v)));
    }

    private void list(int depth, String what, List<Scalar> values) {
        values.forEach(v -> line(depth, what + " " + scalar(v)));
    }

    private void opt(int depth, String what, Scalar s) {
        if (s != null) {
            line(depth, what + " " + scalar(s));
        }
    }

    private void line(int depth, String text) {
        out.append("  ".repeat(depth)).append(text).append('\n');
    }

    /** {@code 'value' raw='raw' type style start-end}. */
    static String scalar(Scalar s) {
        return quote(s.value()) + " raw=" + quote(s.raw()) + " " + s.type() + " " + s.style() + " " + at(s.span());
    }

    private static String at(Span span) {
        return span.start() + "-" + span.end();
    }

    static String quote(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder("'");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\\' -> b.append("\\\\");
                case '\'' -> b.append("\\'");
                default -> b.append(c);
            }
        }
        return b.append('\'').toString();
    }
}
