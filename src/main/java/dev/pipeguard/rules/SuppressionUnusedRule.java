package dev.pipeguard.rules;

import dev.pipeguard.model.RuleInfo;

/**
 * A suppression comment's rule id that silenced no finding. Only the engine's controls step can
 * tell (it sees every other rule's findings), so this rule reports nothing itself.
 */
public final class SuppressionUnusedRule implements Rule {

    private static final RuleInfo INFO = RuleMetadata.load("controls", "suppression-unused");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(RuleContext context) {
        // NOTE: reported by engine.Controls after all rules ran; being a rule gives it docs, an id to switch off and a SARIF entry.
    }
}
