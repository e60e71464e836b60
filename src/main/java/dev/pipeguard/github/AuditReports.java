package dev.pipeguard.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders an audit summary ({@code audit.json}) as Markdown (for $GITHUB_STEP_SUMMARY) and as one
 * self-contained HTML page: repositories by policies, pass / fail / not evaluated, worst first,
 * each cell linking to that repository's SARIF. The page is polyglot (void elements closed), so an
 * XML parser reads it too. {@link #merge} joins the summaries of shards.
 */
public final class AuditReports {

    private AuditReports() {
    }

    public static void writeAll(JsonNode summary, Path reports) throws IOException {
        OrgAudit.write(reports.resolve("audit.json"), summary);
        Files.writeString(reports.resolve("audit.md"), markdown(summary));
        Files.writeString(reports.resolve("audit.html"), html(summary));
    }

    /** Joins shard summaries: union of repositories, policies and skipped ones. */
    public static ObjectNode merge(List<Path> summaries) throws IOException {
        Map<String, JsonNode> rows = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        Map<String, String> skipped = new TreeMap<>();
        java.util.SortedSet<String> policies = new java.util.TreeSet<>();
        for (Path p : summaries) {
            JsonNode s = GitHubApi.JSON.readTree(p.toFile());
            s.path("repositories").forEach(r -> rows.put(r.path("repository").asText(), r));
            s.path("policies").forEach(x -> policies.add(x.asText()));
            s.path("skipped").properties().forEach(e -> skipped.put(e.getKey(), e.getValue().asText()));
        }
        return OrgAudit.summary(rows, skipped, List.copyOf(policies));
    }

    static List<JsonNode> worstFirst(JsonNode summary) {
        List<JsonNode> rows = new ArrayList<>();
        summary.path("repositories").forEach(rows::add);
        rows.sort(Comparator.comparingInt((JsonNode r) -> -count(r, "fail"))
                .thenComparingInt(r -> -count(r, "not-evaluated"))
                .thenComparing(r -> r.path("repository").asText()));
        return rows;
    }

    private static int count(JsonNode row, String state) {
        int n = 0;
        for (var e : row.path("policies").properties()) {
            n += e.getValue().asText().startsWith(state) ? 1 : 0;
        }
        return n + (row.has("error") && state.equals("not-evaluated") ? 1000 : 0);
    }

    static String markdown(JsonNode summary) {
        StringBuilder md = new StringBuilder("## pipeguard audit\n\n");
        List<JsonNode> rows = worstFirst(summary);
        md.append(rows.size()).append(" repositories audited, ").append(summary.path("skipped").size()).append(" skipped.\n\n");
        md.append("| repository | failing policies | not evaluated | findings |\n|---|---|---|---|\n");
        for (JsonNode r : rows) {
            List<String> failing = new ArrayList<>();
            r.path("policies").properties().forEach(e -> {
                if (e.getValue().asText().startsWith("fail")) {
                    failing.add("`" + e.getKey() + "`");
                }
            });
            md.append("| ").append(r.path("repository").asText()).append(" | ")
                    .append(r.has("error") ? "error: " + r.path("error").asText() : String.join(", ", failing)).append(" | ")
                    .append(count(r, "not-evaluated") % 1000).append(" | ").append(r.path("findings").asInt()).append(" |\n");
        }
        return md.toString();
    }

    static String html(JsonNode summary) {
        List<String> policies = new ArrayList<>();
        summary.path("policies").forEach(p -> policies.add(p.asText()));
        StringBuilder h = new StringBuilder("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"/><title>pipeguard audit</title>
                <style>
                body{font-family:system-ui,sans-serif;margin:1.5rem}table{border-collapse:collapse;font-size:.85rem}
                th,td{border:1px solid #ccc;padding:.25rem .4rem;text-align:center}th.repo,td.repo{text-align:left}
                thead th{position:sticky;top:0;background:#f6f8fa}th.policy{writing-mode:vertical-rl;transform:rotate(180deg)}
                td.pass{background:#dafbe1}td.fail{background:#ffd7d5;font-weight:bold}td.not-evaluated{background:#fff8c5}
                td a{color:inherit;text-decoration:none}
                </style></head><body>
                <h1>pipeguard audit</h1>
                """);
        List<JsonNode> rows = worstFirst(summary);
        h.append("<p>").append(rows.size()).append(" repositories, worst first; ").append(summary.path("skipped").size())
                .append(" skipped. Cells: ✓ pass, ✗ fail (findings), ? not evaluated.</p>\n");
        h.append("<table id=\"audit\"><thead><tr><th class=\"repo\">repository</th>");
        policies.forEach(p -> h.append("<th class=\"policy\">").append(escape(p)).append("</th>"));
        h.append("</tr></thead><tbody>\n");
        for (JsonNode r : rows) {
            String sarif = r.path("sarif").asText("");
            h.append("<tr><td class=\"repo\">").append(escape(r.path("repository").asText())).append("</td>");
            for (String p : policies) {
                String state = r.path("policies").path(p).asText("not-evaluated");
                String cls = state.startsWith("fail") ? "fail" : state;
                String label = state.startsWith("fail") ? "✗ " + state.substring(5) : state.equals("pass") ? "✓" : "?";
                h.append("<td class=\"").append(escape(cls)).append("\" title=\"").append(escape(p + ": " + state)).append("\">")
                        .append(sarif.isEmpty() ? label : "<a href=\"" + escape(sarif) + "\">" + label + "</a>").append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</tbody></table>\n</body></html>\n");
        return h.toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
