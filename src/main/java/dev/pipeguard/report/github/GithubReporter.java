package dev.pipeguard.report.github;

import dev.pipeguard.engine.RunResult;
import dev.pipeguard.model.Finding;
import dev.pipeguard.model.Notice;
import dev.pipeguard.model.Span;
import dev.pipeguard.report.Reporter;
import dev.pipeguard.report.SourceLinks;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Findings as GitHub Actions workflow commands ({@code ::error file=...,line=...::message}), which
 * the runner turns into pull request annotations. GitHub keeps only 10 errors, 10 warnings and 10
 * notices per step, so the most severe go first, and when some do not fit a last notice says how
 * many were left out. Input and policy errors are errors; policies not evaluated are notices.
 */
public final class GithubReporter implements Reporter {

    /** Annotations GitHub shows per step for each level. */
    public static final int PER_LEVEL = 10;

    private final PrintStream out;
    private final SourceLinks links;
    private final int perLevel;

    public GithubReporter(PrintStream out, SourceLinks links) {
        this(out, links, PER_LEVEL);
    }

    GithubReporter(PrintStream out, SourceLinks links, int perLevel) {
        this.out = out;
        this.links = links;
        this.perLevel = perLevel;
    }

    private enum Level {
        ERROR("error"), WARNING("warning"), NOTICE("notice");

        final String command;

        Level(String command) {
            this.command = command;
        }
    }

    private record Annotation(Level level, Span span, String title, String message) {
    }

    @Override
    public void write(RunResult result) {
        Map<Level, List<Annotation>> byLevel = new EnumMap<>(Level.class);
        for (Level l : Level.values()) {
            byLevel.put(l, new ArrayList<>());
        }
        for (Notice n : result.notices()) {
            if (n.kind() != Notice.Kind.NOT_EVALUATED) {
                String title = n.kind() == Notice.Kind.INPUT_ERROR ? "pipeguard: input error" : "pipeguard [" + n.ruleId() + "]: policy error";
                byLevel.get(Level.ERROR).add(new Annotation(Level.ERROR, n.span(), title, n.message()));
            }
        }
        List<Finding> findings = result.findings().stream()
                .sorted(Comparator.comparing(Finding::severity).reversed()).toList();
        for (Finding f : findings) {
            Level level = switch (f.severity()) {
                case ERROR -> Level.ERROR;
                case WARNING -> Level.WARNING;
                case NOTE -> Level.NOTICE;
            };
            byLevel.get(level).add(new Annotation(level, f.span(), "pipeguard [" + f.ruleId() + "]", f.message()));
        }
        for (Notice n : result.notices()) {
            if (n.kind() == Notice.Kind.NOT_EVALUATED) {
                // NOTE: the title already says "not evaluated"; a policy's notice repeats it at its start.
                String why = n.message().startsWith("not evaluated: ") ? n.message().substring(15) : n.message();
                byLevel.get(Level.NOTICE).add(new Annotation(Level.NOTICE, n.span(),
                        "pipeguard [" + n.ruleId() + "]: not evaluated", why));
            }
        }
        boolean overflow = byLevel.get(Level.ERROR).size() > perLevel || byLevel.get(Level.WARNING).size() > perLevel
                || byLevel.get(Level.NOTICE).size() > perLevel;
        Map<String, Integer> leftOut = new LinkedHashMap<>();
        for (Level l : Level.values()) {
            List<Annotation> all = byLevel.get(l);
            // NOTE: the closing "left out" line is itself a notice, so it takes one notice slot.
            int room = l == Level.NOTICE && overflow ? perLevel - 1 : perLevel;
            all.stream().limit(room).forEach(this::print);
            if (all.size() > room) {
                leftOut.put(l.command + (all.size() - room == 1 ? "" : "s"), all.size() - room);
            }
        }
        if (!leftOut.isEmpty()) {
            int total = leftOut.values().stream().mapToInt(Integer::intValue).sum();
            StringBuilder what = new StringBuilder();
            leftOut.forEach((k, v) -> what.append(what.length() == 0 ? "" : ", ").append(v).append(' ').append(k));
            out.println("::notice title=pipeguard::" + WorkflowCommands.escapeData(total + " more "
                    + (total == 1 ? "annotation was" : "annotations were") + " left out (" + what
                    + "): GitHub shows at most " + perLevel + " errors, " + perLevel + " warnings and " + perLevel
                    + " notices per step. See the job summary, code scanning (SARIF) or the text output for all of them."));
        }
        out.flush();
    }

    private void print(Annotation a) {
        StringBuilder line = new StringBuilder("::").append(a.level().command).append(' ');
        if (a.span() != null) {
            Span s = a.span();
            int endLine = s.end().line();
            // NOTE: SARIF-style exclusive ends; a span ending at column 1 ends on the line before.
            if (s.end().column() == 1 && endLine > s.start().line()) {
                endLine--;
            }
            line.append("file=").append(WorkflowCommands.escapeProperty(links.path(s.file())))
                    .append(",line=").append(s.start().line());
            // NOTE: GitHub takes columns only on a one-line annotation; its endColumn is inclusive.
            if (endLine == s.start().line()) {
                line.append(",col=").append(s.start().column());
                line.append(",endLine=").append(endLine);
                if (s.end().column() - 1 >= s.start().column()) {
                    line.append(",endColumn=").append(s.end().column() - 1);
                }
            } else {
                line.append(",endLine=").append(endLine);
            }
            line.append(',');
        }
        line.append("title=").append(WorkflowCommands.escapeProperty(a.title()));
        line.append("::").append(WorkflowCommands.escapeData(a.message()));
        out.println(line);
    }
}
