package dev.pipeguard.model;

import java.util.List;

/**
 * One violation: a rule, a severity, a message and the most precise place it applies to.
 * {@code logical} names a setting the finding is about (e.g. {@code branch:main}) when the file
 * location alone does not; {@code related} adds context locations.
 */
public record Finding(String ruleId, Severity severity, String message, Span span, String logical,
                      List<Related> related) {

    /** Another place that explains the finding ("bound to environment production"). */
    public record Related(Span span, String message) {
    }

    public Finding withSpan(Span newSpan) {
        return new Finding(ruleId, severity, message, newSpan, logical, related);
    }

    public Finding withSeverity(Severity newSeverity) {
        return new Finding(ruleId, newSeverity, message, span, logical, related);
    }
}
