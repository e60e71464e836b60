package dev.pipeguard.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the {@code ${{ }}} expressions written inside a scalar and locates them exactly, by slicing
 * the scalar's raw source text (never its parsed value: quoting, folding and block indentation move
 * columns). A scalar's raw text always ends where its span ends, also for a {@code key: value}
 * entry whose span starts at the key.
 */
public final class Expressions {

    /** One {@code ${{ ... }}}: {@code body} is the trimmed text between the braces. */
    public record Expression(String text, String body, Span span) {
    }

    private Expressions() {
    }

    /** Every expression in {@code scalar}, in source order; empty when the file's text is unknown. */
    public static List<Expression> in(Scalar scalar, SourceFile source) {
        List<Expression> out = new ArrayList<>();
        if (scalar == null || scalar.raw() == null || source == null || !scalar.raw().contains("${{")) {
            return out;
        }
        String raw = scalar.raw();
        int rawStart = rawStart(scalar, source);
        if (rawStart < 0) {
            return out;
        }
        int from = 0;
        while (true) {
            int open = raw.indexOf("${{", from);
            if (open < 0) {
                break;
            }
            int close = closing(raw, open + 3);
            if (close < 0) {
                break;
            }
            String text = raw.substring(open, close + 2);
            Span span = new Span(scalar.span().file(), position(source, rawStart + open),
                    position(source, rawStart + close + 2));
            out.add(new Expression(text, raw.substring(open + 3, close).trim(), span));
            from = close + 2;
        }
        return out;
    }

    /**
     * Where {@code fragment} (a piece of the scalar's value, on one line) is written in the raw
     * text, searching from the start; the scalar's own span when it cannot be found as written
     * (an escape or a fold changed it).
     */
    public static Span locate(Scalar scalar, SourceFile source, String fragment) {
        int rawStart = source == null ? -1 : rawStart(scalar, source);
        int at = scalar.raw() == null ? -1 : scalar.raw().indexOf(fragment);
        if (rawStart < 0 || at < 0 || fragment.isEmpty()) {
            return valueSpan(scalar, source);
        }
        return new Span(scalar.span().file(), position(source, rawStart + at),
                position(source, rawStart + at + fragment.length()));
    }

    /** The span of the value alone (without a mapping entry's key). */
    public static Span valueSpan(Scalar scalar, SourceFile source) {
        int rawStart = source == null || scalar.raw() == null ? -1 : rawStart(scalar, source);
        if (rawStart < 0) {
            return scalar.span();
        }
        return new Span(scalar.span().file(), position(source, rawStart), scalar.span().end());
    }

    /**
     * The context paths an expression body reads, dotted ({@code github.event.issue.title}):
     * a quoted index becomes a property ({@code a['b']} is {@code a.b}), any other index {@code *};
     * function names and literals are left out.
     */
    public static List<String> contextPaths(String body) {
        String s = QUOTED_INDEX.matcher(body).replaceAll(".$1");
        s = STRING.matcher(s).replaceAll("''");
        s = OTHER_INDEX.matcher(s).replaceAll(".*");
        List<String> out = new ArrayList<>();
        Matcher m = PATH.matcher(s);
        while (m.find()) {
            int after = m.end();
            while (after < s.length() && s.charAt(after) == ' ') {
                after++;
            }
            String path = m.group();
            if ((after < s.length() && s.charAt(after) == '(') || LITERALS.contains(path)) {
                continue;
            }
            out.add(path);
        }
        return out;
    }

    private static final Pattern QUOTED_INDEX = Pattern.compile("\\[\\s*'([^']*)'\\s*\\]");
    private static final Pattern STRING = Pattern.compile("'(?:[^']|'')*'");
    private static final Pattern OTHER_INDEX = Pattern.compile("\\[[^\\]]*\\]");
    private static final Pattern PATH = Pattern.compile("(?<![A-Za-z0-9_.*-])[A-Za-z_][A-Za-z0-9_-]*(\\.[A-Za-z0-9_*-]+)*");
    private static final Set<String> LITERALS = Set.of("true", "false", "null");

    private static int closing(String raw, int from) {
        int i = from;
        while (i < raw.length() - 1) {
            char c = raw.charAt(i);
            if (c == '\'') {
                int end = raw.indexOf('\'', i + 1);
                if (end < 0) {
                    return raw.indexOf("}}", from);
                }
                i = end + 1;
                continue;
            }
            if (c == '}' && raw.charAt(i + 1) == '}') {
                return i;
            }
            i++;
        }
        return -1;
    }

    /** UTF-16 offset in the source text where the scalar's raw text starts, or -1. */
    private static int rawStart(Scalar scalar, SourceFile source) {
        int end = offset(source, scalar.span().end());
        if (end < 0) {
            return -1;
        }
        int start = end - scalar.raw().length();
        if (start < 0 || !source.text().startsWith(scalar.raw(), start)) {
            return -1;
        }
        return start;
    }

    private static int offset(SourceFile source, Position p) {
        String text = source.text();
        int line = 1;
        int i = 0;
        while (line < p.line()) {
            int nl = text.indexOf('\n', i);
            if (nl < 0) {
                return -1;
            }
            i = nl + 1;
            line++;
        }
        try {
            return text.offsetByCodePoints(i, p.column() - 1);
        } catch (IndexOutOfBoundsException e) {
            return -1;
        }
    }

    private static Position position(SourceFile source, int offset) {
        String text = source.text();
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new Position(line, text.codePointCount(lineStart, Math.min(offset, text.length())) + 1);
    }
}
