package dev.pipeguard.report.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.pipeguard.engine.Fingerprints;
import dev.pipeguard.engine.RunResult;
import dev.pipeguard.model.Finding;
import dev.pipeguard.model.Notice;
import dev.pipeguard.model.RuleInfo;
import dev.pipeguard.model.Severity;
import dev.pipeguard.model.Span;
import dev.pipeguard.report.Reporter;
import dev.pipeguard.report.RuleDocs;
import dev.pipeguard.report.ToolVersion;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The run as one JSON document for scripts ({@code schemas/report.schema.json}); findings in file order. */
public final class JsonReporter implements Reporter {


    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private final OutputStream out;

    public JsonReporter(OutputStream out) {
        this.out = out;
    }

    @Override
    public void write(RunResult result) throws IOException {
        JSON.writeValue(out, report(result));
        out.write('\n');
        out.flush();
    }

    /** The report as records, for tests and other writers. */
    public static JsonReport report(RunResult result) {
        List<JsonReport.Rule> rules = result.rules().stream().map(JsonReporter::rule).toList();
        List<String> fingerprints = Fingerprints.of(result.findings(), result.repository());
        List<JsonReport.Finding> findings = new ArrayList<>();
        for (int i = 0; i < result.findings().size(); i++) {
            Finding f = result.findings().get(i);
            List<JsonReport.Related> related = f.related().stream()
                    .map(r -> new JsonReport.Related(location(r.span()), r.message())).toList();
            findings.add(new JsonReport.Finding(f.ruleId(), f.severity().id(), f.message(), location(f.span()),
                    f.logical(), related, fingerprints.get(i)));
        }
        List<JsonReport.Notice> notices = result.notices().stream().map(n -> new JsonReport.Notice(kind(n.kind()),
                n.ruleId(), n.message(), n.span() == null ? null : location(n.span()))).toList();
        JsonReport.Summary summary = new JsonReport.Summary(findings.size(),
                (int) result.count(Severity.ERROR), (int) result.count(Severity.WARNING), (int) result.count(Severity.NOTE),
                count(result, Notice.Kind.NOT_EVALUATED), count(result, Notice.Kind.INPUT_ERROR),
                count(result, Notice.Kind.RULE_ERROR), rules.size(), result.repository().workflows().size());
        return new JsonReport(JsonReport.SCHEMA_VERSION, new JsonReport.Tool("pipeguard", ToolVersion.get()),
                rules, findings, notices, summary);
    }

    /** The notice kind as written in reports: {@code not-evaluated}, {@code input-error}, {@code rule-error}. */
    public static String kind(Notice.Kind kind) {
        return kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static int count(RunResult result, Notice.Kind kind) {
        return (int) result.notices().stream().filter(n -> n.kind() == kind).count();
    }

    private static JsonReport.Rule rule(RuleInfo r) {
        return new JsonReport.Rule(r.id(), r.title(), r.severity().id(), r.pack(), r.scope(), r.requiresSettings(),
                r.tags(), r.securitySeverity(), RuleDocs.uri(r));
    }

    private static JsonReport.Location location(Span s) {
        return new JsonReport.Location(s.file(), new JsonReport.Position(s.start().line(), s.start().column()),
                new JsonReport.Position(s.end().line(), s.end().column()), s.toString());
    }
}
