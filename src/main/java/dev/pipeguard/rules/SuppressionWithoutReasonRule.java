package dev.pipeguard.rules;

import dev.pipeguard.load.SuppressionComments;
import dev.pipeguard.model.Finding;
import dev.pipeguard.model.RuleInfo;
import dev.pipeguard.model.SourceFile;
import dev.pipeguard.model.Suppression;

import java.util.List;

/** A {@code # pipeguard: ignore[...]} comment with no reason after its rule ids. */
public final class SuppressionWithoutReasonRule implements Rule {

    private static final RuleInfo INFO = RuleMetadata.load("controls", "suppression-without-reason");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(RuleContext context) {
        for (SourceFile source : context.repository().sources().values()) {
            for (Suppression s : SuppressionComments.of(source)) {
                if (s.malformed() == null && !s.hasReason()) {
                    context.report(new Finding(INFO.id(), INFO.severity(), "suppression of " + String.join(", ", s.ruleIds())
                            + " gives no reason; say why after the ']', e.g. '# pipeguard: ignore[" + s.ruleIds().get(0)
                            + "] vendored action, reviewed'", s.span(), null, List.of()));
                }
            }
        }
    }
}
