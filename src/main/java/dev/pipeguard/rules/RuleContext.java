package dev.pipeguard.rules;

import dev.pipeguard.model.Finding;
import dev.pipeguard.model.Notice;
import dev.pipeguard.model.Repository;

import java.util.Map;

/** What a rule sees while it runs: the repository, its effective parameters, and where to report. */
public interface RuleContext {

    Repository repository();

    /** Parameters after config overrides, by name; values are JSON-like Java objects. */
    Map<String, Object> parameters();

    void report(Finding finding);

    void notice(Notice notice);
}
