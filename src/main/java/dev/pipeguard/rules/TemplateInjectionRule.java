package dev.pipeguard.rules;

import dev.pipeguard.model.Expressions;
import dev.pipeguard.model.Finding;
import dev.pipeguard.model.RuleInfo;
import dev.pipeguard.model.Scalar;
import dev.pipeguard.model.Severity;
import dev.pipeguard.model.SourceFile;
import dev.pipeguard.model.Span;
import dev.pipeguard.model.Trigger;
import dev.pipeguard.model.UntrustedContexts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ${{ }}} expressions in {@code run:} scripts and {@code actions/github-script} scripts that
 * expand attacker-controlled text (directly, or through an {@code env:} variable set from it),
 * and untrusted multi-line text written to {@code GITHUB_ENV} or {@code GITHUB_OUTPUT}.
 */
public final class TemplateInjectionRule implements Rule {

    private static final RuleInfo INFO = RuleMetadata.load("security", "template-injection");

    /** An expression whose result is a boolean cannot carry text into the script. */
    private static final Pattern BOOLEAN = Pattern.compile(
            "==|!=|<=|>=|<|>|^\\s*!|^\\s*(contains|startsWith|endsWith|success|failure|always|cancelled)\\s*\\(",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ENV_FILE_WRITE = Pattern.compile(">>\\s*[\"']?\\$\\{?(GITHUB_ENV|GITHUB_OUTPUT)\\b");
    private static final Pattern SHELL_VAR = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(RuleContext context) {
        Steps.forEach(context.repository(), site -> {
            SourceFile source = context.repository().sources().get(site.file());
            Map<String, Scalar> env = new LinkedHashMap<>();
            if (site.workflow() != null) {
                env.putAll(site.workflow().env());
                env.putAll(site.job().env());
            }
            env.putAll(site.step().env());
            Scalar script = site.step().run();
            String what = "the shell script";
            if (script == null && site.step().uses() != null && "actions/github-script".equals(site.step().uses().slug())) {
                script = site.step().with().get("script");
                what = "the github-script JavaScript";
            }
            if (script == null) {
                return;
            }
            Map<String, String> callerInputs = callerInputs(site);
            for (Expressions.Expression e : Expressions.in(script, source)) {
                expression(e, env, callerInputs, what, context);
            }
            if (site.step().run() != null) {
                envFileWrites(site.step().run(), env, source, context);
            }
        });
    }

    /**
     * The text inputs a caller fills: those of a composite action, and the {@code workflow_call}
     * inputs of a reusable workflow that are not typed boolean or number (name to "the composite
     * action input" or "the workflow_call input").
     * NOTE: {@code workflow_dispatch} inputs are left out: only people with write access can
     * dispatch, and they can already push a workflow of their own.
     */
    private static Map<String, String> callerInputs(Steps.Site site) {
        Map<String, String> out = new LinkedHashMap<>();
        if (site.action() != null) {
            site.action().inputs().keySet().forEach(k -> out.put(k, "the composite action input"));
            return out;
        }
        for (Trigger t : site.workflow().triggers()) {
            if (t.event().equals("workflow_call") && t.inputs() != null) {
                t.inputs().values().stream()
                        .filter(i -> i.type() == null || i.type().equals("string"))
                        .forEach(i -> out.put(i.name(), "the workflow_call input"));
            }
        }
        return out;
    }

    private void expression(Expressions.Expression e, Map<String, Scalar> env, Map<String, String> callerInputs,
                            String what, RuleContext context) {
        String valued = valuedOperands(e.body());
        if (valued.isBlank()) {
            return;
        }
        for (String path : Expressions.contextPaths(valued)) {
            Optional<String> untrusted = UntrustedContexts.match(path);
            if (untrusted.isPresent()) {
                report(context, e.span(), "'" + e.text() + "' expands " + describe(path, untrusted.get())
                        + ", which an outsider can set, straight into " + what
                        + "; pass it through env: and quote the variable instead");
                return;
            }
            if (path.startsWith("inputs.") && callerInputs.containsKey(path.substring(7))) {
                context.report(new Finding(INFO.id(), Severity.WARNING, "'" + e.text() + "' expands "
                        + callerInputs.get(path.substring(7)) + " '" + path.substring(7)
                        + "', which a caller may fill with text an outsider chose (a pull request title, a branch name),"
                        + " straight into " + what + "; pass it through env: and quote the variable instead",
                        e.span(), null, List.of()));
                return;
            }
            if (path.startsWith("env.")) {
                Optional<String> via = untrustedIn(env.get(path.substring(4)));
                if (via.isPresent()) {
                    report(context, e.span(), "'" + e.text() + "' expands " + path + ", which holds " + via.get()
                            + " (set by an outsider), straight into " + what
                            + "; read it as a shell variable (\"$" + path.substring(4) + "\") instead");
                    return;
                }
            }
        }
    }

    /** Lines of a script that append a variable holding untrusted multi-line text to an environment file. */
    private void envFileWrites(Scalar run, Map<String, Scalar> env, SourceFile source, RuleContext context) {
        for (String line : run.value().split("\n")) {
            Matcher write = ENV_FILE_WRITE.matcher(line);
            if (!write.find()) {
                continue;
            }
            Matcher var = SHELL_VAR.matcher(line.substring(0, write.start()));
            while (var.find()) {
                Optional<String> via = untrustedIn(env.get(var.group(1)));
                if (via.isPresent() && UntrustedContexts.multiline(via.get())) {
                    String file = write.group(1);
                    Span at = Expressions.locate(run, source, line.strip());
                    report(context, at, "writes $" + var.group(1) + " (" + via.get() + ", set by an outsider) to "
                            + file + "; a line break in it " + (file.equals("GITHUB_ENV")
                            ? "defines more environment variables (such as BASH_ENV or NODE_OPTIONS) for every later step"
                            : "defines other step outputs")
                            + "; write it with a random heredoc delimiter or keep it out of " + file);
                    break;
                }
            }
        }
    }

    /** The untrusted context an env value expands, if any. */
    private static Optional<String> untrustedIn(Scalar value) {
        if (value == null || !value.isExpression()) {
            return Optional.empty();
        }
        Matcher m = Pattern.compile("\\$\\{\\{(.*?)}}", Pattern.DOTALL).matcher(value.value());
        while (m.find()) {
            for (String path : Expressions.contextPaths(valuedOperands(m.group(1)))) {
                if (UntrustedContexts.match(path).isPresent()) {
                    return Optional.of(path);
                }
            }
        }
        return Optional.empty();
    }

    private static String describe(String path, String pattern) {
        return path.equals(pattern) || path.split("\\.").length == pattern.split("\\.").length
                ? path : path + " (which contains " + pattern + ")";
    }

    /**
     * The operands of an expression whose value it can take: {@code &&} and {@code ||} yield one of
     * their operands, so {@code inputs.dir != '' && format('--dir={0}', inputs.dir) || ''} yields
     * text although it holds a comparison; the comparisons themselves yield only booleans.
     * NOTE: split without regard to parentheses; an {@code &&} inside a call's arguments is rare.
     */
    private static String valuedOperands(String body) {
        StringBuilder out = new StringBuilder();
        for (String operand : stripStrings(body).split("&&|\\|\\|")) {
            if (!BOOLEAN.matcher(operand).find()) {
                out.append(operand).append(' ');
            }
        }
        return out.toString();
    }

    private static String stripStrings(String body) {
        return body.replaceAll("'(?:[^']|'')*'", "''");
    }

    private void report(RuleContext context, Span span, String message) {
        context.report(new Finding(INFO.id(), INFO.severity(), message, span, null, List.of()));
    }
}
