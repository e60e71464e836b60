package dev.pipeguard.model;

/** A located problem with the input itself (unreadable file, bad YAML, invalid policy), not a finding. */
public record Problem(Span span, String message) {
    @Override
    public String toString() {
        return span.file() + ":" + span.start().line() + ":" + span.start().column() + ": " + message;
    }
}
