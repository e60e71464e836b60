package dev.pipeguard.report.text;

import dev.pipeguard.engine.RunResult;
import dev.pipeguard.model.Finding;
import dev.pipeguard.model.Notice;
import dev.pipeguard.model.Severity;
import dev.pipeguard.model.SourceFile;
import dev.pipeguard.model.Span;
import dev.pipeguard.report.Plural;
import dev.pipeguard.report.Reporter;

import java.io.PrintStream;

/**
 * Findings for people at a terminal: {@code path:line:col: severity [rule] message}, the source
 * line with a caret underline, then input errors and unevaluated policies, then one summary line.
 * Colour only when asked (the CLI asks on a TTY).
 */
public final class TextReporter implements Reporter {

    private final PrintStream out;
    private final boolean colour;

    public TextReporter(PrintStream out, boolean colour) {
        this.out = out;
        this.colour = colour;
    }

    @Override
    public void write(RunResult result) {
        for (Finding f : result.findings()) {
            Span s = f.span();
            out.println(bold(location(s) + ":") + " " + paint(f.severity()) + " [" + f.ruleId() + "] " + f.message());
            quote(result.repository().sources().get(s.file()), s);
        }
        int inputErrors = 0;
        int notEvaluated = 0;
        for (Notice n : result.notices()) {
            String where = n.span() == null ? "" : bold(location(n.span()) + ":") + " ";
            switch (n.kind()) {
                case INPUT_ERROR -> {
                    inputErrors++;
                    out.println(where + colourise("error", "31") + " " + n.message());
                    quote(n.span() == null ? null : result.repository().sources().get(n.span().file()), n.span());
                }
                case NOT_EVALUATED -> {
                    notEvaluated++;
                    String why = n.message().startsWith("not evaluated: ") ? n.message().substring(15) : n.message();
                    out.println(where + colourise("not evaluated", "33") + " [" + n.ruleId() + "] " + why);
                }
                case RULE_ERROR -> out.println(where + colourise("policy error", "31") + " [" + n.ruleId() + "] " + n.message());
            }
        }
        StringBuilder summary = new StringBuilder();
        summary.append(Plural.of(result.findings().size(), "finding", "findings"));
        summary.append(" (").append(Plural.of(result.count(Severity.ERROR), "error", "errors")).append(", ")
                .append(Plural.of(result.count(Severity.WARNING), "warning", "warnings")).append(", ")
                .append(Plural.of(result.count(Severity.NOTE), "note", "notes")).append(")");
        summary.append(" from ").append(Plural.of(result.rules().size(), "policy", "policies")).append(" over ")
                .append(Plural.of(result.repository().workflows().size(), "workflow", "workflows"));
        if (inputErrors > 0) {
            summary.append("; ").append(Plural.of(inputErrors, "input error", "input errors"));
        }
        if (notEvaluated > 0) {
            summary.append("; ").append(notEvaluated).append(" not evaluated");
        }
        if (!result.suppressed().isEmpty()) {
            summary.append("; ").append(result.suppressed().size()).append(" suppressed");
        }
        result.accepted().forEach((why, n) -> summary.append("; ").append(n).append(" ").append(why));
        out.println(bold(summary.toString()));
    }

    private static String location(Span s) {
        return s.file() + ":" + s.start().line() + ":" + s.start().column();
    }

    /** The span's first line, then a caret under the span (to the line's end when it spans lines). */
    private void quote(SourceFile source, Span s) {
        if (source == null || s == null) {
            return;
        }
        String line = source.line(s.start().line());
        if (line.isEmpty()) {
            return;
        }
        int width = line.codePointCount(0, line.length());
        int from = Math.min(s.start().column() - 1, width);
        int to = s.end().line() == s.start().line() ? Math.min(s.end().column() - 1, width) : width;
        StringBuilder caret = new StringBuilder();
        for (int i = 0; i < from; i++) {
            int cp = line.codePointAt(line.offsetByCodePoints(0, i));
            caret.append(cp == '\t' ? '\t' : ' ');
        }
        caret.append('^');
        for (int i = from + 1; i < to; i++) {
            caret.append('~');
        }
        out.println("  " + line);
        out.println("  " + colourise(caret.toString(), "32"));
    }

    private String paint(Severity s) {
        return switch (s) {
            case ERROR -> colourise("error", "31");
            case WARNING -> colourise("warning", "33");
            case NOTE -> colourise("note", "36");
        };
    }

    private String bold(String text) {
        return colourise(text, "1");
    }

    private String colourise(String text, String code) {
        return colour ? "\u001b[" + code + "m" + text + "\u001b[0m" : text;
    }
}
