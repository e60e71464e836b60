package dev.pipeguard.model;

import java.util.List;

/**
 * One {@code # pipeguard: ignore[rule-id, ...] reason} comment: where it is written, the rule ids
 * it names, its reason (empty when none was given) and the lines whose findings it silences (its
 * own line and, for a comment alone on its line, the next line that is not a comment).
 * {@code malformed} says what is wrong with a comment that could not be read (else null); a
 * malformed comment silences nothing.
 */
public record Suppression(Span span, List<String> ruleIds, String reason, List<Integer> lines, String malformed) {

    public Suppression {
        ruleIds = List.copyOf(ruleIds);
        lines = List.copyOf(lines);
    }

    /** True when this comment silences {@code finding}: it names the rule and covers the finding's first line. */
    public boolean covers(Finding finding) {
        return malformed == null && finding.span().file().equals(span.file())
                && ruleIds.contains(finding.ruleId()) && lines.contains(finding.span().start().line());
    }

    public boolean hasReason() {
        return !reason.isBlank();
    }
}
