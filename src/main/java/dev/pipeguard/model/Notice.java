package dev.pipeguard.model;

/**
 * A message about the run rather than the repository: a rule that could not be evaluated (and
 * why), or a problem reading input. {@code ruleId} is null for input problems.
 */
public record Notice(Kind kind, String ruleId, String message, Span span) {

    public enum Kind { NOT_EVALUATED, INPUT_ERROR, RULE_ERROR }
}
