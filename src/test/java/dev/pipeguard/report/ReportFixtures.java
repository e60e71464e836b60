package dev.pipeguard.report;

import dev.pipeguard.engine.Catalogue;
import dev.pipeguard.engine.Config;
import dev.pipeguard.engine.Engine;
import dev.pipeguard.engine.RepositoryLoader;
import dev.pipeguard.engine.RunResult;
import dev.pipeguard.model.Finding;
import dev.pipeguard.model.Notice;
import dev.pipeguard.model.Repository;
import dev.pipeguard.model.RuleInfo;
import dev.pipeguard.model.Severity;
import dev.pipeguard.model.SourceFile;
import dev.pipeguard.model.Span;
import dev.pipeguard.rules.Rule;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The runs the reporter goldens are made of: the bundled example, and a made-up run full of edge cases. */
public final class ReportFixtures {

    /**
     * The policies the example's goldens run. NOTE: pinned, not "every built-in rule", so that a new
     * policy landing changes the goldens of the rules that own it, not of every reporter.
     */
    static final Set<String> EXAMPLE_RULES = Set.of("dockerfile-unvalidated", "image-scan-ignored", "image-scan-missing",
            "matrix-value-misread", "python-matrix-versions");

    public static final Path EXAMPLE = Path.of("examples/reference-app");
    public static final Path EXAMPLE_SETTINGS = EXAMPLE.resolve("repository-settings.yml");

    private ReportFixtures() {
    }

    /** The bundled example with its settings snapshot, through the pinned policies. */
    static RunResult example() {
        List<Rule> rules = Catalogue.load(List.of()).rules().stream().filter(r -> EXAMPLE_RULES.contains(r.info().id())).toList();
        if (rules.size() != EXAMPLE_RULES.size()) {
            throw new IllegalStateException("a pinned policy is gone: expected " + EXAMPLE_RULES + ", found "
                    + rules.stream().map(r -> r.info().id()).toList() + "; update ReportFixtures.EXAMPLE_RULES");
        }
        RunResult run = new Engine(rules, Config.defaults().withPacks(Engine.BUILT_IN_PACKS)).run(RepositoryLoader.local(EXAMPLE, EXAMPLE_SETTINGS));
        // NOTE: a rule's prose (description, help, parameters) is its own docs' business and changes
        // often; the reporters' goldens get a stand-in so they only move when a reporter does.
        List<RuleInfo> plain = run.rules().stream().map(r -> new RuleInfo(r.id(), r.title(), r.severity(),
                "What " + r.id() + " finds.", "How to fix " + r.id() + ".", r.tags(), r.precision(), r.securitySeverity(),
                r.requiresSettings(), r.pack(), r.scope(), null, Map.of(), r.source())).toList();
        return new RunResult(run.repository(), plain, run.findings(), run.notices());
    }

    /** Every built-in rule over the example: what users see today. */
    static RunResult exampleWithEveryRule() {
        return new Engine(Catalogue.load(List.of()).rules(), Config.defaults().withPacks(Engine.BUILT_IN_PACKS))
                .run(RepositoryLoader.local(EXAMPLE, EXAMPLE_SETTINGS));
    }

    /**
     * A run no real repository produces at once: characters every format must escape, a multi-line
     * span, a span ending at the start of a line, a finding about a setting, related locations,
     * 12 errors (more than GitHub shows), every kind of notice.
     */
    static RunResult edgeCases() {
        String path = ".github/workflows/odd name, 100%.yml";
        String text = """
                name: "a: b, c % d"
                on: push
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - run: echo "<script>|pipe|</script>"
                      - uses: actions/checkout@v3
                """;
        SourceFile source = SourceFile.of(path, text);
        Repository repo = new Repository("edge", List.of(), List.of(), null, Map.of(path, source), List.of());
        RuleInfo odd = rule("odd-characters", Severity.ERROR, false);
        RuleInfo settings = rule("branch-unprotected", Severity.WARNING, true);
        RuleInfo unevaluated = rule("environment-unreviewed", Severity.ERROR, true);
        RuleInfo broken = rule("broken-policy", Severity.NOTE, false);
        RuleInfo quiet = rule("never-fires", Severity.NOTE, false);
        List<Finding> findings = new ArrayList<>();
        findings.add(new Finding("odd-characters", Severity.NOTE, "a note: 100% sure, really",
                Span.of(path, 1, 7, 1, 20), null, List.of()));
        findings.add(new Finding("odd-characters", Severity.WARNING, "line one\nline two\r\nwith <b>html</b> & | pipes |",
                Span.of(path, 7, 16, 7, 44), null,
                List.of(new Finding.Related(Span.of(path, 4, 3, 4, 8), "in job 'build'"))));
        findings.add(new Finding("odd-characters", Severity.ERROR, "spans three lines",
                Span.of(path, 4, 3, 7, 10), null, List.of()));
        findings.add(new Finding("odd-characters", Severity.ERROR, "ends where the next line starts",
                Span.of(path, 8, 9, 9, 1), null, List.of()));
        for (int i = 1; i <= 10; i++) {
            findings.add(new Finding("odd-characters", Severity.ERROR, "error number " + i + " \u0007 (with a bell)",
                    Span.of(path, 8, 15, 8, 39), null, List.of()));
        }
        findings.add(new Finding("branch-unprotected", Severity.WARNING, "branch 'main' is not protected",
                Span.fileStart("snapshots/settings.yml"), "branch:main", List.of()));
        List<Notice> notices = List.of(
                new Notice(Notice.Kind.INPUT_ERROR, null, "cannot parse: mapping values are not allowed here",
                        Span.of(".github/workflows/broken.yml", 3, 9, 3, 10)),
                new Notice(Notice.Kind.RULE_ERROR, "broken-policy", "CEL error: no such key: 'x'", null),
                new Notice(Notice.Kind.NOT_EVALUATED, "environment-unreviewed", "needs repository settings (pass --settings FILE)", null));
        return new RunResult(repo, List.of(settings, broken, unevaluated, quiet, odd), findings, notices);
    }

    private static RuleInfo rule(String id, Severity severity, boolean settings) {
        return new RuleInfo(id, "Title of " + id, severity, "What " + id + " finds.", "How to fix " + id + ".",
                List.of("test"), "high", null, settings, "test-pack", settings ? "repository" : "workflow", null,
                Map.of(), "test/" + id + ".yml");
    }
}
