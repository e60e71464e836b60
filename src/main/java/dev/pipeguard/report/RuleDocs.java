package dev.pipeguard.report;

import dev.pipeguard.engine.Engine;
import dev.pipeguard.model.RuleInfo;

/** Where a rule's documentation page is published: built-in rules only; a user's own policy has none. */
public final class RuleDocs {

    public static final String BASE = "https://github.com/pipeguard/pipeguard/blob/main/docs/rules/";

    private RuleDocs() {
    }

    /** The page's address, or null for a rule outside the built-in packs. */
    public static String uri(RuleInfo rule) {
        return rule != null && Engine.BUILT_IN_PACKS.contains(rule.pack()) ? BASE + rule.id() + ".md" : null;
    }
}
