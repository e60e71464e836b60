package dev.pipeguard.rules;

import dev.pipeguard.model.Job;
import dev.pipeguard.model.Scalar;
import dev.pipeguard.model.SourceFile;
import dev.pipeguard.model.Span;
import dev.pipeguard.model.Step;
import dev.pipeguard.model.Workflow;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The step and job outputs of one workflow that hold the pull request's head (its branch, SHA or
 * fork), traced through a script's shell variables and files, {@code core.setOutput} and job
 * {@code outputs:}. Each key is written as an expression reads it: {@code steps.ID.outputs.NAME}
 * (per job) or {@code needs.JOB.outputs.NAME}.
 */
final class PullRequestHeadOutputs {

    /** Text of a script that reads the pull request's head from the event or the API. */
    static final Pattern HEAD = Pattern.compile(
            "\\.head\\.(sha|ref)\\b|\\.head\\.repo\\.full_name|headRefName|headRefOid|refs/pull/");
    /** The part of {@link #HEAD} that names the branch (a SHA is also named by status and comment steps). */
    private static final Pattern BRANCH = Pattern.compile("\\.head\\.ref\\b|headRefName|refs/pull/");
    private static final Pattern ASSIGN = Pattern.compile("^\\s*(?:export\\s+|local\\s+)?([A-Za-z_][A-Za-z0-9_]*)=");
    private static final Pattern REDIRECT = Pattern.compile(">\\s*[\"']?([^\\s\"'|;&$]+)");
    private static final Pattern SET_OUTPUT = Pattern.compile(
            "setOutput\\(\\s*['\"]([\\w-]+)['\"]|echo\\s+[\"']?([\\w-]+)=|github-output\\.sh\\s+[\"']?([\\w-]+)[\"']?");
    private static final Pattern JOB_OUTPUT = Pattern.compile(
            "^\\s*([\\w-]+):\\s*[\"']?\\$\\{\\{\\s*steps\\.([\\w-]+)\\.outputs\\.([\\w-]+)\\s*}}");

    /** Traced output to whether it holds the branch (true) or only the SHA or fork (false). */
    private final Map<String, Boolean> keys = new HashMap<>();

    PullRequestHeadOutputs(Workflow workflow, SourceFile source) {
        for (Job job : workflow.jobs()) {
            Map<String, Boolean> vars = new HashMap<>();
            Map<String, Boolean> files = new HashMap<>();
            for (Step step : job.steps()) {
                Scalar script = step.run() != null ? step.run() : step.with().get("script");
                if (script == null) {
                    continue;
                }
                step.env().forEach((name, value) -> {
                    if (HEAD.matcher(value.value()).find()) {
                        vars.put(name, BRANCH.matcher(value.value()).find());
                    }
                });
                for (String line : script.value().split("\n")) {
                    Boolean branch = tainted(line, vars, files);
                    if (branch == null) {
                        continue;
                    }
                    Matcher a = ASSIGN.matcher(line);
                    if (a.find()) {
                        vars.put(a.group(1), branch);
                    }
                    Matcher r = REDIRECT.matcher(line);
                    if (r.find() && !line.contains("GITHUB_OUTPUT")) {
                        files.put(r.group(1), branch);
                    }
                    Matcher o = SET_OUTPUT.matcher(line);
                    while (step.id() != null && o.find()) {
                        String name = o.group(1) != null ? o.group(1) : o.group(2) != null ? o.group(2) : o.group(3);
                        keys.put(job.id() + "/steps." + step.id().value() + ".outputs." + name, branch);
                    }
                }
            }
            if (source != null) {
                Span body = job.body() != null ? job.body() : job.span();
                for (int n = body.start().line(); n <= Math.min(body.end().line(), source.lines().size()); n++) {
                    Matcher m = JOB_OUTPUT.matcher(source.line(n));
                    String key = m.find() ? job.id() + "/steps." + m.group(2) + ".outputs." + m.group(3) : null;
                    if (key != null && keys.containsKey(key)) {
                        keys.put("needs." + job.id() + ".outputs." + m.group(1), keys.get(key));
                    }
                }
            }
        }
    }

    /** Whether a value of job {@code job} expands one of the traced outputs (only a branch one if asked). */
    boolean named(Job job, String value, boolean branchOnly) {
        Matcher m = Pattern.compile("(steps|needs)\\.[\\w-]+\\.outputs\\.[\\w-]+").matcher(value);
        while (m.find()) {
            Boolean branch = keys.get(m.group().startsWith("steps.") ? job.id() + "/" + m.group() : m.group());
            if (branch != null && (branch || !branchOnly)) {
                return true;
            }
        }
        return false;
    }

    /** Null when the line reads nothing of the head; else whether what it reads holds the branch. */
    private static Boolean tainted(String line, Map<String, Boolean> vars, Map<String, Boolean> files) {
        if (HEAD.matcher(line).find()) {
            return BRANCH.matcher(line).find();
        }
        Boolean out = null;
        for (var v : vars.entrySet()) {
            if (Pattern.compile("\\$\\{?" + v.getKey() + "\\b|process\\.env\\." + v.getKey() + "\\b").matcher(line).find()) {
                out = out == Boolean.TRUE || v.getValue();
            }
        }
        for (var f : files.entrySet()) {
            if (line.contains("cat " + f.getKey()) || line.contains("cat \"" + f.getKey())) {
                out = out == Boolean.TRUE || f.getValue();
            }
        }
        return out;
    }
}
