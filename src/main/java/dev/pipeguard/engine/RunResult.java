package dev.pipeguard.engine;

import dev.pipeguard.model.Finding;
import dev.pipeguard.model.Notice;
import dev.pipeguard.model.Repository;
import dev.pipeguard.model.RuleInfo;
import dev.pipeguard.model.Severity;

import java.util.List;

/** The outcome of checking one repository: the rules that ran, findings in file order, notices. */
public record RunResult(Repository repository, List<RuleInfo> rules, List<Finding> findings, List<Notice> notices) {

    public long count(Severity severity) {
        return findings.stream().filter(f -> f.severity() == severity).count();
    }

    /** True when some finding is at or above {@code failOn} (null: never fails). */
    public boolean fails(Severity failOn) {
        return failOn != null && findings.stream().anyMatch(f -> f.severity().atLeast(failOn));
    }
}
