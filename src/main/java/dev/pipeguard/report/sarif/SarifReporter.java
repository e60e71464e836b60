package dev.pipeguard.report.sarif;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.pipeguard.engine.Fingerprints;
import dev.pipeguard.engine.RunResult;
import dev.pipeguard.model.Finding;
import dev.pipeguard.model.Notice;
import dev.pipeguard.model.RuleInfo;
import dev.pipeguard.model.Severity;
import dev.pipeguard.model.SourceFile;
import dev.pipeguard.model.Span;
import dev.pipeguard.report.Reporter;
import dev.pipeguard.report.RuleDocs;
import dev.pipeguard.report.ToolVersion;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes one SARIF 2.1.0 run as GitHub code scanning reads it: every rule that ran in
 * {@code tool.driver.rules}, results with repository-relative locations and full regions, stable
 * partial fingerprints, settings findings with a logical location too, and input errors and
 * policies that were not evaluated as tool execution notifications.
 */
public final class SarifReporter implements Reporter {

    static final String SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path output;
    private final String category;

    /** {@code category} becomes {@code automationDetails.id} ({@code category/}), so uploads of different runs do not replace each other. */
    public SarifReporter(Path output, String category) {
        this.output = output;
        this.category = category;
    }

    @Override
    public void write(RunResult result) throws IOException {
        Path parent = output.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (OutputStream out = Files.newOutputStream(output)) {
            JSON.writeValue(out, log(result, category));
        }
    }

    /** Writes the SARIF document to a stream left open (standard output, for {@code --format sarif}). */
    public static void write(RunResult result, String category, OutputStream out) throws IOException {
        JSON.writer().without(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET).writeValue(out, log(result, category));
        out.write('\n');
        out.flush();
    }

    /** The SARIF document for {@code result}, as a tree of records (for tests and other writers). */
    static Sarif.Log log(RunResult result, String category) {
        List<RuleInfo> rules = result.rules();
        Map<String, Integer> index = new HashMap<>();
        List<Sarif.Rule> driverRules = new ArrayList<>();
        for (RuleInfo r : rules) {
            index.put(r.id(), driverRules.size());
            driverRules.add(rule(r));
        }
        // NOTE: suppressed findings are results too (with their suppressions), fingerprinted in one list with the
        // others so that suppressing one of two alike findings does not change the other's fingerprint.
        Map<Finding, RunResult.Suppressed> suppressedBy = new HashMap<>();
        result.suppressed().forEach(s -> suppressedBy.putIfAbsent(s.finding(), s));
        List<Finding> all = new ArrayList<>(result.findings());
        result.suppressed().forEach(s -> all.add(s.finding()));
        all.sort(Comparator.comparing((Finding f) -> f.span().file()).thenComparing(f -> f.span().start())
                .thenComparing(Finding::ruleId).thenComparing(Finding::message));
        List<String> fingerprints = Fingerprints.of(all, result.repository());
        Map<String, SourceFile> sources = result.repository().sources();
        List<Sarif.Result> results = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            Finding f = all.get(i);
            RunResult.Suppressed suppressed = suppressedBy.get(f);
            List<Sarif.Suppression> suppressions = suppressed == null ? List.of() : List.of(new Sarif.Suppression(
                    suppressed.kind() == RunResult.Suppressed.Kind.IN_SOURCE ? "inSource" : "external",
                    suppressed.justification(),
                    suppressed.where() == null ? null : new Sarif.Location(null, physical(suppressed.where(), sources), List.of(), null)));
            Integer ruleIndex = index.get(f.ruleId());
            List<Sarif.LogicalLocation> logical = f.logical() == null ? List.of() : List.of(logical(f.logical()));
            List<Sarif.Location> related = new ArrayList<>();
            for (int r = 0; r < f.related().size(); r++) {
                Finding.Related rel = f.related().get(r);
                related.add(new Sarif.Location(r + 1, physical(rel.span(), sources), List.of(), Sarif.Message.of(rel.message())));
            }
            results.add(new Sarif.Result(f.ruleId(), ruleIndex == null ? -1 : ruleIndex, level(f.severity()),
                    Sarif.Message.of(f.message()),
                    List.of(new Sarif.Location(null, physical(f.span(), sources), logical, null)), related,
                    Map.of("pipeguardFingerprint/v1", fingerprints.get(i)), suppressions));
        }
        List<Sarif.Notification> notifications = new ArrayList<>();
        for (Notice n : result.notices()) {
            Integer ruleIndex = n.ruleId() == null ? null : index.get(n.ruleId());
            notifications.add(new Sarif.Notification(
                    n.kind() == Notice.Kind.NOT_EVALUATED ? "warning" : "error",
                    Sarif.Message.of(n.ruleId() == null ? n.message() : n.ruleId() + ": " + n.message()),
                    n.span() == null ? List.of() : List.of(new Sarif.Location(null, physical(n.span(), sources), List.of(), null)),
                    new Sarif.ReportingDescriptorReference(n.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'), null),
                    n.ruleId() == null ? null : new Sarif.ReportingDescriptorReference(n.ruleId(), ruleIndex)));
        }
        Sarif.Driver driver = new Sarif.Driver("pipeguard", ToolVersion.get(), semver(ToolVersion.get()),
                "https://github.com/pipeguard/pipeguard", driverRules);
        Sarif.Run run = new Sarif.Run(new Sarif.Tool(driver),
                new Sarif.AutomationDetails(category.endsWith("/") ? category : category + "/"),
                null, List.of(new Sarif.Invocation(true, notifications)), results, "unicodeCodePoints");
        return new Sarif.Log(SCHEMA, "2.1.0", List.of(run));
    }

    private static String semver(String version) {
        return version.replace("-SNAPSHOT", "-snapshot");
    }

    private static Sarif.Rule rule(RuleInfo r) {
        Map<String, Object> properties = new LinkedHashMap<>();
        List<String> tags = new ArrayList<>(r.tags());
        if (r.securitySeverity() != null && !tags.contains("security")) {
            tags.add("security");
        }
        properties.put("tags", tags);
        properties.put("precision", r.precision());
        if (r.securitySeverity() != null) {
            properties.put("security-severity", String.format(Locale.ROOT, "%.1f", r.securitySeverity()));
        }
        properties.put("problem.severity", r.severity() == Severity.NOTE ? "recommendation" : r.severity().id());
        properties.put("pack", r.pack());
        return new Sarif.Rule(r.id(), pascal(r.id()), Sarif.Message.of(r.title()), Sarif.Message.of(r.description()),
                new Sarif.Message(r.description(), helpMarkdown(r)), RuleDocs.uri(r),
                new Sarif.Configuration(level(r.severity())), properties);
    }

    /** The rule's help, with its parameters listed, as code scanning shows it beside an alert. */
    private static String helpMarkdown(RuleInfo r) {
        StringBuilder md = new StringBuilder("# ").append(r.title()).append("\n\n").append(r.description()).append("\n\n").append(r.help());
        if (r.role() != null) {
            md.append("\n\n**How it finds its targets:** ").append(r.role());
        }
        if (!r.parameters().isEmpty()) {
            md.append("\n\n**Parameters** (set in `.github/pipeguard.yml`):\n");
            r.parameters().values().forEach(p -> md.append("\n- `").append(p.name()).append("`: ")
                    .append(p.description()).append(" (default `").append(p.defaultValue()).append("`)"));
        }
        return md.toString();
    }

    static String pascal(String id) {
        StringBuilder out = new StringBuilder();
        for (String part : id.split("-")) {
            if (!part.isEmpty()) {
                out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return out.toString();
    }

    private static String level(Severity s) {
        return s.id();
    }

    /** The span as a region with its text as snippet, and its whole lines as context region. */
    private static Sarif.PhysicalLocation physical(Span span, Map<String, SourceFile> sources) {
        SourceFile source = sources.get(span.file());
        Sarif.Message snippet = null;
        Sarif.Region context = null;
        if (source != null) {
            StringBuilder text = new StringBuilder();
            StringBuilder lines = new StringBuilder();
            for (int l = span.start().line(); l <= span.end().line(); l++) {
                String line = source.line(l);
                int width = line.codePointCount(0, line.length());
                int from = l == span.start().line() ? Math.min(span.start().column() - 1, width) : 0;
                int to = l == span.end().line() ? Math.min(span.end().column() - 1, width) : width;
                text.append(line, line.offsetByCodePoints(0, from), line.offsetByCodePoints(0, Math.max(from, to)));
                lines.append(line);
                if (l < span.end().line()) {
                    text.append('\n');
                    lines.append('\n');
                }
            }
            snippet = text.isEmpty() ? null : Sarif.Message.of(text.toString());
            String last = source.line(span.end().line());
            int contextEnd = Math.max(last.codePointCount(0, last.length()) + 1,
                    span.end().line() == span.start().line() ? span.end().column() : 1);
            // NOTE: SARIF wants a context region to be a proper superset of the region (or absent),
            // and an artifactContent to hold some text, so a whole-line span or an empty line gets neither.
            boolean wider = span.start().column() != 1 || span.end().column() != contextEnd;
            context = !wider ? null : new Sarif.Region(span.start().line(), 1, span.end().line(), contextEnd,
                    lines.isEmpty() ? null : Sarif.Message.of(lines.toString()));
        }
        return new Sarif.PhysicalLocation(new Sarif.ArtifactLocation(span.file(), null),
                new Sarif.Region(span.start().line(), span.start().column(), span.end().line(), span.end().column(), snippet),
                context);
    }

    private static Sarif.LogicalLocation logical(String logical) {
        int colon = logical.indexOf(':');
        String kind = colon < 0 ? "resource" : logical.substring(0, colon);
        String name = colon < 0 ? logical : logical.substring(colon + 1);
        return new Sarif.LogicalLocation(name, kind + ":" + name, "resource");
    }
}
