package dev.pipeguard.model;

/**
 * A YAML scalar as GitHub reads it and as its author wrote it.
 *
 * <p>{@code value} is the string GitHub Actions sees (an unquoted {@code 3.10} is {@code "3.1"});
 * {@code raw} is the exact source text including any quotes; {@code type} is the YAML 1.2 core
 * schema type ({@code str}, {@code int}, {@code float}, {@code bool}, {@code null}); {@code span}
 * covers the scalar (or, for a mapping entry, the key through the value).
 */
public record Scalar(String value, String raw, String type, String style, Span span) {

    public boolean isExpression() {
        return value != null && value.contains("${{");
    }

    /** True when GitHub reads a different text than the author typed, as with {@code 3.10}. */
    public boolean readsDifferently() {
        return "plain".equals(style) && !"str".equals(type) && !raw.equals(value);
    }
}
