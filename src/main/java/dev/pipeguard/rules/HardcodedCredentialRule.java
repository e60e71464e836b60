package dev.pipeguard.rules;

import dev.pipeguard.model.Container;
import dev.pipeguard.model.Expressions;
import dev.pipeguard.model.Finding;
import dev.pipeguard.model.Job;
import dev.pipeguard.model.RuleInfo;
import dev.pipeguard.model.Scalar;
import dev.pipeguard.model.Workflow;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Credentials written as literals: a container or service {@code credentials.password}, and
 * {@code with:} or {@code env:} values that are a known token format or a secret-looking string
 * under a credential-like name.
 */
public final class HardcodedCredentialRule implements Rule {

    private static final RuleInfo INFO = RuleMetadata.load("security", "hardcoded-credential");

    private static final Pattern CREDENTIAL_NAME = Pattern.compile(
            "(?i)(^|[_-])(password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|client[_-]?secret|auth)$");
    /** Token formats with a recognisable prefix (GitHub, AWS, Slack, OpenAI, GitLab, npm, PyPI, Google). */
    private static final Pattern KNOWN_TOKEN = Pattern.compile(
            "\\b(gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{40,}|AKIA[0-9A-Z]{16}|xox[abprs]-[A-Za-z0-9-]{10,}"
                    + "|sk-[A-Za-z0-9_-]{20,}|glpat-[A-Za-z0-9_-]{20,}|npm_[A-Za-z0-9]{36}|pypi-[A-Za-z0-9_-]{40,}|AIza[0-9A-Za-z_-]{35})\\b");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(RuleContext context) {
        for (Workflow w : context.repository().workflows()) {
            values(w.env(), "env", context);
            for (Job j : w.jobs()) {
                values(j.env(), "env", context);
                values(j.with(), "with", context);
                for (Container c : j.containers()) {
                    container(c, context);
                    values(c.env(), "env", context);
                }
            }
        }
        Steps.forEach(context.repository(), site -> {
            values(site.step().with(), "with", context);
            values(site.step().env(), "env", context);
        });
    }

    private void container(Container c, RuleContext context) {
        Scalar password = c.password();
        if (password == null || password.isExpression() || password.value() == null || password.value().isEmpty()) {
            return;
        }
        String what = "container".equals(c.name()) ? "the job container" : "service '" + c.name() + "'";
        report(context, Expressions.valueSpan(password, context.repository().sources().get(password.span().file())),
                "the registry password of " + what + " is written in the workflow; anyone who can read the repository can use it; "
                        + "use ${{ secrets.NAME }}");
    }

    private void values(Map<String, Scalar> values, String where, RuleContext context) {
        values.forEach((name, value) -> {
            String v = value.value();
            if (v == null || value.isExpression() || name.isEmpty()) {
                return;
            }
            boolean known = KNOWN_TOKEN.matcher(v).find();
            if (known || (CREDENTIAL_NAME.matcher(name).find() && looksSecret(v))) {
                report(context, Expressions.valueSpan(value, context.repository().sources().get(value.span().file())),
                        where + ": '" + name + "' holds " + (known ? "what looks like a real token" : "a literal credential")
                                + " in plain text; anyone who can read the repository can use it; move it to a secret "
                                + "and write ${{ secrets.NAME }}");
            }
        });
    }

    /**
     * A value long and varied enough to be a generated secret: at least 16 characters with letters
     * and digits and no spaces. Short words ({@code postgres}, {@code test}) are test fixtures, and
     * paths or URLs are names of secrets, not secrets.
     */
    private static boolean looksSecret(String v) {
        return v.length() >= 16 && !v.contains(" ") && !v.contains("/") && !v.startsWith("$")
                && v.chars().anyMatch(Character::isDigit) && v.chars().anyMatch(Character::isLetter)
                && v.chars().distinct().count() >= 10;
    }

    private void report(RuleContext context, dev.pipeguard.model.Span span, String message) {
        context.report(new Finding(INFO.id(), INFO.severity(), message, span, null, List.of()));
    }
}
