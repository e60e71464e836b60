package dev.pipeguard.load;

import dev.pipeguard.model.ActionDefinition;
import dev.pipeguard.model.ActionRef;
import dev.pipeguard.model.Container;
import dev.pipeguard.model.EnvironmentRef;
import dev.pipeguard.model.Job;
import dev.pipeguard.model.Matrix;
import dev.pipeguard.model.Permissions;
import dev.pipeguard.model.Problem;
import dev.pipeguard.model.Scalar;
import dev.pipeguard.model.Span;
import dev.pipeguard.model.Step;
import dev.pipeguard.model.Trigger;
import dev.pipeguard.model.Workflow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a workflow or action YAML tree into the normalised model, reporting at its own span every
 * shape GitHub would reject (a missing {@code on:}, a job with neither {@code runs-on} nor
 * {@code uses}, a step with both {@code uses} and {@code run} ...) while keeping what it can.
 */
final class WorkflowBuilder {

    private static final Set<String> WORKFLOW_KEYS = Set.of(
            "name", "run-name", "on", "permissions", "env", "defaults", "concurrency", "jobs");
    private static final Set<String> JOB_KEYS = Set.of(
            "name", "needs", "if", "runs-on", "environment", "permissions", "concurrency", "outputs",
            "env", "defaults", "steps", "timeout-minutes", "strategy", "continue-on-error", "container",
            "services", "uses", "with", "secrets", "snapshot");
    private static final Set<String> STEP_KEYS = Set.of(
            "id", "if", "name", "uses", "run", "shell", "with", "env", "continue-on-error",
            "timeout-minutes", "working-directory");

    private final String file;
    private final List<Problem> problems;

    WorkflowBuilder(String file, List<Problem> problems) {
        this.file = file;
        this.problems = problems;
    }

    Workflow workflow(YamlNode root) {
        if (!(root instanceof YamlNode.Map map)) {
            problem(root.span(), "a workflow must be a mapping of keys such as 'on' and 'jobs', not a " + root.kind());
            return null;
        }
        for (YamlNode.Entry e : map.entries()) {
            if (!WORKFLOW_KEYS.contains(e.name())) {
                problem(e.key().span(), "unknown workflow key '" + e.name() + "'");
            }
        }
        YamlNode.Entry on = map.entry("on");
        List<Trigger> triggers = List.of();
        Span onSpan = Span.fileStart(file);
        if (on == null) {
            problem(Span.fileStart(file), "workflow has no 'on:' section, so GitHub never runs it");
        } else {
            onSpan = on.key().span();
            triggers = new TriggerReader(file, problems).triggers(on.value());
        }
        List<Job> jobs = new ArrayList<>();
        YamlNode jobsNode = map.get("jobs");
        if (jobsNode == null) {
            problem(Span.fileStart(file), "workflow has no 'jobs:' section");
        } else if (jobsNode instanceof YamlNode.Map jm) {
            if (jm.entries().isEmpty()) {
                problem(jm.span(), "'jobs' must define at least one job");
            }
            for (YamlNode.Entry e : jm.entries()) {
                Job job = job(e);
                if (job != null) {
                    jobs.add(job);
                }
            }
            checkNeeds(jobs);
        } else {
            expected(jobsNode, "'jobs' must be a mapping of job ids to jobs");
        }
        return new Workflow(file, str(map.get("name")), onSpan, List.copyOf(triggers),
                permissions(map.entry("permissions")), strMap(map.get("env"), "env"),
                concurrency(map.get("concurrency")), List.copyOf(jobs), map.span());
    }

    ActionDefinition action(YamlNode root) {
        if (!(root instanceof YamlNode.Map map)) {
            problem(root.span(), "an action must be a mapping, not a " + root.kind());
            return null;
        }
        Scalar using = null;
        List<Step> steps = List.of();
        if (map.get("runs") instanceof YamlNode.Map runs) {
            using = str(runs.get("using"));
            if (using == null) {
                problem(runs.span(), "action 'runs' has no 'using'");
            } else if ("composite".equals(using.value())) {
                steps = steps(runs.get("steps"), true);
            }
        } else {
            problem(Span.fileStart(file), "action has no 'runs:' mapping");
        }
        return new ActionDefinition(file, str(map.get("name")), using, new TriggerReader(file, problems).inputs(map.get("inputs"), null, false), steps, map.span());
    }

    // --- jobs -----------------------------------------------------------------------------------

    private Job job(YamlNode.Entry entry) {
        String id = entry.name();
        if (!id.matches("[A-Za-z_][A-Za-z0-9_-]*")) {
            problem(entry.key().span(), "job id '" + id + "' must start with a letter or '_' and hold only letters, digits, '-' and '_'");
        }
        if (!(entry.value() instanceof YamlNode.Map m)) {
            expected(entry.value(), "job '" + id + "' must be a mapping");
            return null;
        }
        for (YamlNode.Entry e : m.entries()) {
            if (!JOB_KEYS.contains(e.name())) {
                problem(e.key().span(), "unknown key '" + e.name() + "' in job '" + id + "'");
            }
        }
        Scalar usesScalar = str(m.get("uses"));
        ActionRef uses = usesScalar == null ? null : reference(usesScalar);
        boolean hasRunsOn = YamlNode.present(m.get("runs-on"));
        if (uses == null && !hasRunsOn) {
            problem(entry.key().span(), "job '" + id + "' needs 'runs-on' (or 'uses' to call a reusable workflow)");
        }
        if (uses != null && m.get("steps") != null) {
            problem(m.entry("steps").key().span(), "job '" + id + "' calls a reusable workflow and cannot also have 'steps'");
        }
        if (uses == null && !YamlNode.present(m.get("steps")) && hasRunsOn) {
            problem(entry.key().span(), "job '" + id + "' has no 'steps'");
        }
        Map<String, Scalar> secrets = Map.of();
        Span inherit = null;
        YamlNode.Entry secretsEntry = m.entry("secrets");
        if (secretsEntry != null) {
            if (secretsEntry.value() instanceof YamlNode.Str s && "inherit".equals(s.value())) {
                inherit = secretsEntry.span();
            } else if (secretsEntry.value() instanceof YamlNode.Str s && s.scalar().isExpression()) {
                // NOTE: unlike 'with' and 'env', GitHub takes no expression for the whole of 'secrets'.
                problem(s.span(), "'secrets' of a reusable workflow call takes a mapping or 'inherit', not an expression");
            } else {
                secrets = strMap(secretsEntry.value(), "secrets");
            }
        }
        YamlNode strategy = m.get("strategy");
        Matrix matrix = null;
        Scalar failFast = null;
        if (strategy instanceof YamlNode.Map sm) {
            YamlNode.Entry me = sm.entry("matrix");
            if (me != null) {
                matrix = new MatrixExpander(file, problems).matrix(me);
            }
            failFast = str(sm.get("fail-fast"));
        } else if (strategy != null) {
            expected(strategy, "'strategy' must be a mapping");
        }
        List<Step> steps = uses == null ? steps(m.get("steps"), false) : List.of();
        return new Job(id, entry.key().span(), m.span(), str(m.get("name")), strOrList(m.get("needs")),
                str(m.get("if")), runsOn(m.get("runs-on")), environment(m.entry("environment")),
                permissions(m.entry("permissions")), concurrency(m.get("concurrency")), matrix, failFast,
                str(m.get("timeout-minutes")), str(m.get("continue-on-error")), uses, strMap(m.get("with"), "with"), secrets, inherit,
                strMap(m.get("env"), "env"), container(m.get("container")), steps, containers(m));
    }

    /** The job's container and services, each with its credentials and env, in source order. */
    private List<Container> containers(YamlNode.Map job) {
        List<Container> out = new ArrayList<>();
        YamlNode.Entry c = job.entry("container");
        if (c != null) {
            out.add(containerSpec("container", c));
        }
        if (job.get("services") instanceof YamlNode.Map services) {
            services.entries().forEach(e -> out.add(containerSpec(e.name(), e)));
        }
        return List.copyOf(out);
    }

    private Container containerSpec(String name, YamlNode.Entry entry) {
        if (!(entry.value() instanceof YamlNode.Map m)) {
            return new Container(name, entry.value() instanceof YamlNode.Str s ? s.scalar() : null, null, null,
                    Map.of(), entry.key().span());
        }
        Scalar username = null;
        Scalar password = null;
        if (m.get("credentials") instanceof YamlNode.Map creds) {
            username = creds.get("username") instanceof YamlNode.Str u ? u.scalar() : null;
            password = creds.get("password") instanceof YamlNode.Str p ? p.scalar() : null;
        }
        Map<String, Scalar> env = m.get("env") instanceof YamlNode.Map ? strMap(m.get("env"), "env") : Map.of();
        return new Container(name, m.get("image") instanceof YamlNode.Str i ? i.scalar() : null, username, password,
                env, entry.key().span());
    }

    private void checkNeeds(List<Job> jobs) {
        Set<String> ids = new java.util.HashSet<>();
        jobs.forEach(j -> ids.add(j.id()));
        for (Job j : jobs) {
            for (Scalar need : j.needs()) {
                if (!ids.contains(need.value())) {
                    problem(need.span(), "job '" + j.id() + "' needs '" + need.value() + "', which is not a job of this workflow");
                }
            }
        }
    }

    private List<Scalar> runsOn(YamlNode node) {
        if (node instanceof YamlNode.Map m) {
            List<Scalar> out = new ArrayList<>(strOrList(m.get("labels")));
            Scalar group = str(m.get("group"));
            if (group != null) {
                out.add(0, group);
            }
            return List.copyOf(out);
        }
        return strOrList(node);
    }

    private Scalar container(YamlNode node) {
        if (node instanceof YamlNode.Map m) {
            return str(m.get("image"));
        }
        return str(node);
    }

    private EnvironmentRef environment(YamlNode.Entry entry) {
        if (entry == null) {
            return null;
        }
        if (entry.value() instanceof YamlNode.Map m) {
            Scalar name = str(m.get("name"));
            if (name == null) {
                problem(m.span(), "'environment' as a mapping needs a 'name'");
            }
            return new EnvironmentRef(name, str(m.get("url")), entry.span());
        }
        return new EnvironmentRef(str(entry.value()), null, entry.span());
    }

    private Permissions permissions(YamlNode.Entry entry) {
        if (entry == null) {
            return null;
        }
        YamlNode v = entry.value();
        if (v instanceof YamlNode.Str s) {
            if (!Set.of("read-all", "write-all").contains(s.value())) {
                problem(s.span(), "permissions shorthand must be 'read-all' or 'write-all', not '" + s.value() + "'");
            }
            return new Permissions(s.scalar(), Map.of(), entry.span());
        }
        if (v instanceof YamlNode.Map m && m.entries().isEmpty()) {
            Span at = m.span();
            return new Permissions(new Scalar("none", "{}", "str", "flow", at), Map.of(), entry.span());
        }
        Map<String, Scalar> scopes = strMap(v, "permissions");
        scopes.forEach((scope, level) -> {
            if (!Set.of("read", "write", "none").contains(level.value())) {
                problem(level.span(), "permission '" + scope + "' must be read, write or none, not '" + level.value() + "'");
            }
        });
        return new Permissions(null, scopes, entry.span());
    }

    private Scalar concurrency(YamlNode node) {
        if (node instanceof YamlNode.Map m) {
            return str(m.get("group"));
        }
        return str(node);
    }

    // --- steps ----------------------------------------------------------------------------------

    private List<Step> steps(YamlNode node, boolean composite) {
        if (node == null) {
            return List.of();
        }
        if (!(node instanceof YamlNode.Seq seq)) {
            expected(node, "'steps' must be a list");
            return List.of();
        }
        List<Step> steps = new ArrayList<>();
        for (YamlNode item : seq.items()) {
            if (!(item instanceof YamlNode.Map m)) {
                expected(item, "each step must be a mapping");
                continue;
            }
            for (YamlNode.Entry e : m.entries()) {
                if (!STEP_KEYS.contains(e.name())) {
                    problem(e.key().span(), "unknown step key '" + e.name() + "'");
                }
            }
            Scalar uses = str(m.get("uses"));
            Scalar run = str(m.get("run"));
            if (uses != null && run != null) {
                problem(m.entry("run").key().span(), "a step cannot have both 'uses' and 'run'");
            } else if (uses == null && run == null) {
                problem(item.span().start().equals(item.span().end()) ? item.span() : firstKey(m),
                        "a step needs either 'uses' or 'run'");
            }
            if (composite && run != null && m.get("shell") == null) {
                problem(m.entry("run").key().span(), "a 'run' step in a composite action needs 'shell'");
            }
            steps.add(new Step(steps.size(), str(m.get("id")), str(m.get("name")),
                    uses == null ? null : reference(uses), run, str(m.get("shell")), str(m.get("if")),
                    str(m.get("working-directory")), str(m.get("continue-on-error")), str(m.get("timeout-minutes")),
                    strMap(m.get("with"), "with"), strMap(m.get("env"), "env"), m.span()));
        }
        return List.copyOf(steps);
    }

    private Span firstKey(YamlNode.Map m) {
        return m.entries().isEmpty() ? m.span() : m.entries().get(0).key().span();
    }

    // --- small conversions ------------------------------------------------------------------------

    /** The scalar, or null when absent; a collection where a scalar belongs is reported. */
    private Scalar str(YamlNode node) {
        if (node == null) {
            return null;
        }
        if (node instanceof YamlNode.Str s) {
            // NOTE: 'run:' or 'runs-on:' with nothing after them is YAML null, which GitHub reads
            // as absent; so does the model, so that the presence checks fire.
            return "null".equals(s.scalar().type()) ? null : s.scalar();
        }
        expected(node, "expected a single value here, not a " + node.kind());
        return null;
    }

    /** A parsed {@code uses:}; one GitHub cannot resolve (no owner/repo, no image) is reported. */
    private ActionRef reference(Scalar uses) {
        ActionRef ref = ActionRef.parse(uses);
        boolean broken = switch (ref.kind()) {
            case "repository" -> ref.slug() == null || ref.owner().isEmpty() || ref.repo().isEmpty();
            case "docker" -> ref.image() == null || ref.image().isBlank();
            default -> false;
        };
        if (broken && !uses.isExpression()) {
            problem(uses.span(), "'uses: " + uses.value() + "' names no action: write owner/repo[/path]@ref, ./local/path or docker://image");
        }
        return ref;
    }

    private List<Scalar> strOrList(YamlNode node) {
        if (node == null) {
            return List.of();
        }
        if (node instanceof YamlNode.Seq seq) {
            List<Scalar> out = new ArrayList<>();
            for (YamlNode item : seq.items()) {
                Scalar s = str(item);
                if (s != null) {
                    out.add(s);
                }
            }
            return List.copyOf(out);
        }
        Scalar s = str(node);
        return s == null ? List.of() : List.of(s);
    }

    private List<Scalar> strList(YamlNode.Map m, String key) {
        return m == null ? List.of() : strOrList(m.get(key));
    }

    /**
     * A mapping of names to scalars; each value's span covers its whole {@code key: value} entry so
     * a finding lands on the line that names it. An expression in place of the mapping is kept
     * under the empty key.
     */
    private Map<String, Scalar> strMap(YamlNode node, String what) {
        Map<String, Scalar> out = new LinkedHashMap<>();
        if (node == null) {
            return out;
        }
        if (node instanceof YamlNode.Str s && s.scalar().isExpression()) {
            out.put("", s.scalar());
            return out;
        }
        if (!(node instanceof YamlNode.Map m)) {
            expected(node, "'" + what + "' must be a mapping");
            return out;
        }
        for (YamlNode.Entry e : m.entries()) {
            if (e.value() instanceof YamlNode.Str v) {
                Scalar s = v.scalar();
                out.put(e.name(), new Scalar(s.value(), s.raw(), s.type(), s.style(), e.span()));
            } else {
                expected(e.value(), "'" + what + "." + e.name() + "' must be a single value, not a " + e.value().kind());
            }
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
