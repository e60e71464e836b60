package dev.pipeguard.rules;

import dev.pipeguard.load.SuppressionComments;
import dev.pipeguard.model.Finding;
import dev.pipeguard.model.RuleInfo;
import dev.pipeguard.model.SourceFile;
import dev.pipeguard.model.Suppression;

import java.util.List;

/** A {@code # pipeguard:} comment that is not a readable {@code ignore[rule-id, ...] reason}; it suppresses nothing. */
public final class SuppressionMalformedRule implements Rule {

    private static final RuleInfo INFO = RuleMetadata.load("controls", "suppression-malformed");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(RuleContext context) {
        for (SourceFile source : context.repository().sources().values()) {
            for (Suppression s : SuppressionComments.of(source)) {
                if (s.malformed() != null) {
                    context.report(new Finding(INFO.id(), INFO.severity(), s.malformed() + "; this comment suppresses nothing",
                            s.span(), null, List.of()));
                }
            }
        }
    }
}
