package dev.pipeguard.engine;

import dev.pipeguard.model.Finding;
import dev.pipeguard.model.Notice;
import dev.pipeguard.model.Repository;
import dev.pipeguard.model.RuleInfo;
import dev.pipeguard.model.Severity;
import dev.pipeguard.model.Span;

import java.util.List;
import java.util.Map;

/**
 * The outcome of checking one repository: the rules that ran, findings in file order, notices.
 * {@code findings} are the ones that count; {@code suppressed} ones (by a comment or the config)
 * are kept for SARIF and summaries but never fail the check; {@code accepted} counts the findings
 * left out because something already had them, by what had them, in the order given to
 * {@link Controls} (e.g. "in the baseline", "already present at origin/main").
 */
public record RunResult(Repository repository, List<RuleInfo> rules, List<Finding> findings, List<Notice> notices,
                        List<Suppressed> suppressed, Map<String, Integer> accepted) {

    /** A finding someone exempted, with their reason; {@code where} is the comment or the config entry. */
    public record Suppressed(Finding finding, Kind kind, String justification, Span where) {

        /** SARIF's suppression kinds: a comment beside the code, or a setting elsewhere (the config file). */
        public enum Kind { IN_SOURCE, EXTERNAL }
    }

    public RunResult(Repository repository, List<RuleInfo> rules, List<Finding> findings, List<Notice> notices) {
        this(repository, rules, findings, notices, List.of(), Map.of());
    }

    /** How many findings were left out as already accepted, whatever accepted them. */
    public int baselined() {
        return accepted.values().stream().mapToInt(Integer::intValue).sum();
    }

    public long count(Severity severity) {
        return findings.stream().filter(f -> f.severity() == severity).count();
    }

    /** True when some finding is at or above {@code failOn} (null: never fails). */
    public boolean fails(Severity failOn) {
        return failOn != null && findings.stream().anyMatch(f -> f.severity().atLeast(failOn));
    }
}
