package dev.pipeguard.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A region of one repository file: {@code file} is repository-relative with forward slashes, start
 * is inclusive and end is exclusive (exactly a SARIF region); lines and columns start at 1.
 * Written as {@code path:line:col-line:col}, which is also its JSON form.
 */
public record Span(String file, Position start, Position end) {
    public Span {
        if (end.compareTo(start) < 0) {
            throw new IllegalArgumentException("span ends before it starts: " + start + "-" + end);
        }
    }

    /** The first character of a file, for findings about a file as a whole. */
    public static Span fileStart(String file) {
        return new Span(file, new Position(1, 1), new Position(1, 1));
    }

    public static Span of(String file, int startLine, int startColumn, int endLine, int endColumn) {
        return new Span(file, new Position(startLine, startColumn), new Position(endLine, endColumn));
    }

    /** The smallest span that covers both; both must be in the same file. */
    public Span union(Span other) {
        Position s = start.compareTo(other.start) <= 0 ? start : other.start;
        Position e = end.compareTo(other.end) >= 0 ? end : other.end;
        return new Span(file, s, e);
    }

    @JsonValue
    @Override
    public String toString() {
        return file + ":" + start.line() + ":" + start.column() + "-" + end.line() + ":" + end.column();
    }

    /** Parses the form written by {@link #toString()}; the path may itself hold colons. */
    @JsonCreator
    public static Span parse(String text) {
        int dash = text.lastIndexOf('-');
        if (dash < 0) {
            throw new IllegalArgumentException("not a span: " + text);
        }
        String[] end = text.substring(dash + 1).split(":");
        String head = text.substring(0, dash);
        int c2 = head.lastIndexOf(':');
        int c1 = head.lastIndexOf(':', c2 - 1);
        if (end.length != 2 || c1 < 0) {
            throw new IllegalArgumentException("not a span: " + text);
        }
        return of(head.substring(0, c1),
                Integer.parseInt(head.substring(c1 + 1, c2)), Integer.parseInt(head.substring(c2 + 1)),
                Integer.parseInt(end[0]), Integer.parseInt(end[1]));
    }
}
