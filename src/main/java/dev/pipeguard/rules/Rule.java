package dev.pipeguard.rules;

import dev.pipeguard.model.RuleInfo;

/** Anything that checks a repository: a Java rule or a declarative policy, alike to the engine. */
public interface Rule {

    RuleInfo info();

    /** Checks {@code context.repository()}, reporting findings and notices through the context. */
    void check(RuleContext context);
}
