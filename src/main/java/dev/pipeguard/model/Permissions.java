package dev.pipeguard.model;

import java.util.Map;

/**
 * A {@code permissions:} block: either a shorthand ({@code read-all}, {@code write-all}, or
 * {@code {}} as {@code none}) in {@code all}, or per-scope levels in {@code scopes}.
 */
public record Permissions(Scalar all, Map<String, Scalar> scopes, Span span) {
}
