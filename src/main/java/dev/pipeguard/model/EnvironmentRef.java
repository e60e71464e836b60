package dev.pipeguard.model;

/** A job's {@code environment:}, written as a name or as {@code {name, url}}; span covers the key. */
public record EnvironmentRef(Scalar name, Scalar url, Span span) {
}
