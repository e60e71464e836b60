package dev.pipeguard.rules;

import dev.pipeguard.model.Expressions;
import dev.pipeguard.model.Finding;
import dev.pipeguard.model.RuleInfo;
import dev.pipeguard.model.Scalar;
import dev.pipeguard.model.SourceFile;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code run:} script line that prints a secret with {@code echo} or {@code printf} to the log
 * (not into a pipe or a file): the secret itself through {@code ${{ secrets.X }}}, or a variable
 * the step, job or workflow {@code env:} sets from one.
 */
public final class SecretEchoedRule implements Rule {

    private static final RuleInfo INFO = RuleMetadata.load("security", "secret-echoed");

    private static final Pattern PRINT = Pattern.compile("(^|[;&|(]\\s*|\\s)(echo|printf)\\s");
    private static final Pattern SECRET_EXPR = Pattern.compile("\\$\\{\\{\\s*secrets\\.([A-Za-z0-9_]+)\\s*}}");
    private static final Pattern VAR = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)");
    private static final Pattern GROUP_REDIRECT = Pattern.compile("^[})]\\s*(>|\\||2>)");
    private static final Pattern SECRET_VALUE = Pattern.compile("\\$\\{\\{\\s*secrets\\.([A-Za-z0-9_]+)\\s*}}");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(RuleContext context) {
        Steps.forEach(context.repository(), site -> {
            Scalar run = site.step().run();
            if (run == null) {
                return;
            }
            Map<String, String> secretVars = new LinkedHashMap<>();
            if (site.workflow() != null) {
                secretVars(site.workflow().env(), secretVars);
                secretVars(site.job().env(), secretVars);
            }
            secretVars(site.step().env(), secretVars);
            SourceFile source = context.repository().sources().get(site.file());
            String[] lines = run.value().split("\n");
            boolean[] redirected = redirectedGroups(lines);
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i];
                String secret = redirected[i] ? null : printedSecret(line, secretVars);
                if (secret != null) {
                    context.report(new Finding(INFO.id(), INFO.severity(), "prints " + secret
                            + " to the job log; masking fails as soon as the value is transformed (base64, a substring, "
                            + "a multi-line value), and anyone who can read the logs can read it",
                            Expressions.locate(run, source, line.strip()), null, List.of()));
                }
            }
        });
    }

    /** Lines inside a {@code { ... }} or {@code ( ... )} group whose output goes to a file or a pipe. */
    private static boolean[] redirectedGroups(String[] lines) {
        boolean[] out = new boolean[lines.length];
        java.util.Deque<Integer> open = new java.util.ArrayDeque<>();
        for (int i = 0; i < lines.length; i++) {
            String t = lines[i].strip();
            if (t.equals("{") || t.equals("(")) {
                open.push(i);
            } else if (!open.isEmpty() && (t.startsWith("}") || t.startsWith(")"))) {
                int start = open.pop();
                if (GROUP_REDIRECT.matcher(t).find()) {
                    for (int k = start; k <= i; k++) {
                        out[k] = true;
                    }
                }
            }
        }
        return out;
    }

    private static void secretVars(Map<String, Scalar> env, Map<String, String> out) {
        env.forEach((name, value) -> {
            Matcher m = SECRET_VALUE.matcher(value.value() == null ? "" : value.value());
            if (m.find()) {
                out.put(name, "secrets." + m.group(1));
            } else {
                out.remove(name);
            }
        });
    }

    /** The secret an {@code echo}/{@code printf} command of this line prints, or null. */
    private static String printedSecret(String line, Map<String, String> secretVars) {
        for (String command : line.split("&&|;|\\|\\|")) {
            Matcher print = PRINT.matcher(command);
            if (!print.find()) {
                continue;
            }
            String args = command.substring(print.end());
            if (args.contains("::add-mask::") || args.matches("(?s).*(\\||>|\\btee\\b).*")) {
                continue;
            }
            Matcher s = SECRET_EXPR.matcher(args);
            if (s.find()) {
                return "secrets." + s.group(1);
            }
            Matcher v = VAR.matcher(args);
            while (v.find()) {
                if (secretVars.containsKey(v.group(1))) {
                    return "$" + v.group(1) + " (" + secretVars.get(v.group(1)) + ")";
                }
            }
        }
        return null;
    }
}
