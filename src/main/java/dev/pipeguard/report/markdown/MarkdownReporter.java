package dev.pipeguard.report.markdown;

import dev.pipeguard.engine.RunResult;
import dev.pipeguard.model.Finding;
import dev.pipeguard.model.Notice;
import dev.pipeguard.model.RuleInfo;
import dev.pipeguard.model.Severity;
import dev.pipeguard.model.Span;
import dev.pipeguard.report.Plural;
import dev.pipeguard.report.Reporter;
import dev.pipeguard.report.RuleDocs;
import dev.pipeguard.report.SourceLinks;

import java.io.PrintStream;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The run as GitHub-flavoured Markdown: a headline with counts, a table of findings by rule and
 * severity, every finding (most severe first) linked to its lines when {@link SourceLinks} can, then
 * input errors and policies not evaluated. The same text is the GitHub Actions step summary.
 * Message text is escaped so that a workflow's own strings cannot break the table or inject HTML.
 */
public final class MarkdownReporter implements Reporter {

    private final PrintStream out;
    private final SourceLinks links;
    private final int maxRows;

    /** {@code maxRows} caps the findings listed one by one (the counts always cover all of them). */
    public MarkdownReporter(PrintStream out, SourceLinks links, int maxRows) {
        this.out = out;
        this.links = links;
        this.maxRows = maxRows;
    }

    @Override
    public void write(RunResult result) {
        StringBuilder md = new StringBuilder();
        int n = result.findings().size();
        md.append("## pipeguard: ").append(n == 0 ? "no findings" : n + (n == 1 ? " finding" : " findings"))
                .append("\n\n");
        md.append(Plural.of(result.count(Severity.ERROR), "error", "errors")).append(", ")
                .append(Plural.of(result.count(Severity.WARNING), "warning", "warnings")).append(", ")
                .append(Plural.of(result.count(Severity.NOTE), "note", "notes")).append(" from ")
                .append(Plural.of(result.rules().size(), "policy", "policies")).append(" over ")
                .append(Plural.of(result.repository().workflows().size(), "workflow", "workflows"));
        long inputErrors = count(result, Notice.Kind.INPUT_ERROR);
        long notEvaluated = count(result, Notice.Kind.NOT_EVALUATED);
        long ruleErrors = count(result, Notice.Kind.RULE_ERROR);
        if (inputErrors > 0) {
            md.append("; ").append(inputErrors).append(inputErrors == 1 ? " input error" : " input errors");
        }
        if (ruleErrors > 0) {
            md.append("; ").append(ruleErrors).append(ruleErrors == 1 ? " policy error" : " policy errors");
        }
        if (notEvaluated > 0) {
            md.append("; ").append(notEvaluated).append(" not evaluated");
        }
        md.append(".\n");
        if (n > 0) {
            byRule(result, md);
            findings(result, md);
        }
        notices(result, md);
        out.print(md);
        out.flush();
    }

    private void byRule(RunResult result, StringBuilder md) {
        Map<String, RuleInfo> rules = new LinkedHashMap<>();
        result.rules().forEach(r -> rules.put(r.id(), r));
        Map<String, Map<Severity, Integer>> counts = new TreeMap<>();
        for (Finding f : result.findings()) {
            counts.computeIfAbsent(f.ruleId(), k -> new TreeMap<>(Comparator.reverseOrder())).merge(f.severity(), 1, Integer::sum);
        }
        md.append("\n| Policy | Severity | Findings |\n|---|---|---:|\n");
        counts.entrySet().stream()
                .sorted(Comparator.<Map.Entry<String, Map<Severity, Integer>>, Severity>comparing(e -> e.getValue().keySet().iterator().next())
                        .reversed().thenComparing(Map.Entry::getKey))
                .forEach(e -> e.getValue().forEach((severity, count) -> {
                    RuleInfo info = rules.get(e.getKey());
                    String uri = RuleDocs.uri(info);
                    String name = uri == null ? "`" + e.getKey() + "`" : "[`" + e.getKey() + "`](" + uri + ")";
                    String title = info == null ? "" : " " + cell(info.title());
                    md.append("| ").append(name).append(title).append(" | ").append(severity.id()).append(" | ")
                            .append(count).append(" |\n");
                }));
    }

    private void findings(RunResult result, StringBuilder md) {
        List<Finding> sorted = result.findings().stream().sorted(Comparator.comparing(Finding::severity).reversed()).toList();
        md.append("\n### Findings\n\n| Severity | Where | Policy | Message |\n|---|---|---|---|\n");
        sorted.stream().limit(maxRows).forEach(f -> md.append("| ").append(f.severity().id()).append(" | ")
                .append(where(f.span())).append(" | `").append(f.ruleId()).append("` | ").append(cell(f.message()))
                .append(" |\n"));
        if (sorted.size() > maxRows) {
            md.append("\n").append(sorted.size() - maxRows).append(" more findings are not listed here; the SARIF and JSON reports have all of them.\n");
        }
    }

    private void notices(RunResult result, StringBuilder md) {
        section(result, md, Notice.Kind.INPUT_ERROR, "Input errors", "these files were not checked, or only in part");
        section(result, md, Notice.Kind.RULE_ERROR, "Policy errors", "these policies failed while running");
        section(result, md, Notice.Kind.NOT_EVALUATED, "Not evaluated", "these policies did not run, so they did not pass either");
    }

    private void section(RunResult result, StringBuilder md, Notice.Kind kind, String heading, String meaning) {
        List<Notice> notices = result.notices().stream().filter(n -> n.kind() == kind).toList();
        if (notices.isEmpty()) {
            return;
        }
        md.append("\n### ").append(heading).append("\n\n").append(Character.toUpperCase(meaning.charAt(0)))
                .append(meaning.substring(1)).append(".\n\n");
        for (Notice n : notices) {
            md.append("- ");
            if (n.ruleId() != null) {
                md.append('`').append(n.ruleId()).append("` ");
            }
            if (n.span() != null) {
                md.append(where(n.span())).append(' ');
            }
            md.append(inline(n.message())).append('\n');
        }
    }

    private String where(Span s) {
        String text = links.path(s.file()) + ":" + s.start().line() + ":" + s.start().column();
        String url = links.url(s);
        return url == null ? "`" + text + "`" : "[`" + text + "`](" + url + ")";
    }

    private static long count(RunResult result, Notice.Kind kind) {
        return result.notices().stream().filter(n -> n.kind() == kind).count();
    }

    /** Text for a table cell: no pipes, line breaks or HTML. */
    static String cell(String text) {
        return inline(text).replace("|", "\\|");
    }

    /** Text for one line of Markdown: no line breaks or HTML. */
    static String inline(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
    }
}
