package dev.pipeguard.cli;

import dev.pipeguard.engine.Catalogue;
import dev.pipeguard.engine.Config;
import dev.pipeguard.engine.Engine;
import dev.pipeguard.engine.ParameterCheck;
import dev.pipeguard.engine.RunResult;
import dev.pipeguard.model.Notice;
import dev.pipeguard.model.Problem;
import dev.pipeguard.model.Repository;
import dev.pipeguard.model.Severity;
import dev.pipeguard.report.SourceLinks;
import dev.pipeguard.report.sarif.SarifReporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code pipeguard check}: loads a repository, runs every enabled policy, prints and writes the findings. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Check a repository's workflows (and settings, with --settings) against the enabled policies.",
        footer = {"", "Exit codes: 0 nothing at or above --fail-on, 1 findings (or unreadable workflow files),"
                + " 2 usage or configuration error, 3 internal error.",
                "", "Examples:",
                "  pipeguard check                                     # the current directory",
                "  pipeguard check path/to/repo --settings repository-settings.yml",
                "  pipeguard check . --format github --sarif reports/pipeguard.sarif   # in GitHub Actions",
                "  pipeguard check . --format text --format junit=reports/pipeguard.xml",
                "  pipeguard check . --format json --no-sarif | jq '.summary'",
                "", "On GitHub Actions, a Markdown summary is appended to $GITHUB_STEP_SUMMARY (see --no-step-summary)."})
final class CheckCommand implements Callable<Integer> {

    @Mixin
    RepositoryOptions repository;

    @Mixin
    ControlOptions controls;

    @Mixin
    GitHubOptions github;

    @Option(names = "--policies", paramLabel = "DIR", description = "Extra policy folder (repeatable), beside the built-in packs.")
    List<Path> policyDirs = new ArrayList<>();

    @Option(names = "--config", paramLabel = "FILE", description = "Config file (default: DIR/.github/pipeguard.yml when present).")
    Path configFile;

    @Option(names = "--sarif", paramLabel = "FILE", description = "Where to write SARIF (default: ${DEFAULT-VALUE}).",
            defaultValue = "reports/pipeguard.sarif")
    Path sarif;

    @Option(names = "--no-sarif", description = "Do not write SARIF.")
    boolean noSarif;

    @Option(names = "--category", paramLabel = "NAME", defaultValue = "pipeguard",
            description = "Code scanning category (SARIF automationDetails.id; default: ${DEFAULT-VALUE}).")
    String category;

    @Option(names = "--fail-on", paramLabel = "LEVEL",
            description = "Lowest severity that fails the check: error, warning, note or never (default: the config's, else error).")
    String failOn;

    @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto", description = "auto, always or never (default: ${DEFAULT-VALUE}).")
    String color;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT[=FILE]",
            description = {"Report format, repeatable: text (default), github (pull request annotations), json, junit, markdown "
                    + "or sarif. Add =FILE to write it to a file, e.g. --format json=reports/pipeguard.json; "
                    + "otherwise it goes to standard output."})
    List<String> formats = new ArrayList<>();

    @Option(names = "--no-step-summary",
            description = "Do not append the Markdown summary to the file named by $GITHUB_STEP_SUMMARY (GitHub Actions sets it).")
    boolean noStepSummary;

    @Override
    public Integer call() throws Exception {
        List<ReportOutputs.Output> outputs = ReportOutputs.parse(formats);
        checkLayout();
        Repository repo = github.remote() ? github.load() : repository.load();
        List<Problem> setupProblems = new ArrayList<>();
        Config config = config(setupProblems);
        // NOTE: a mistyped --fail-on is refused before any report is written or uploaded.
        Severity threshold = threshold(config);
        Catalogue catalogue = Catalogue.load(policyDirs);
        setupProblems.addAll(catalogue.problems());
        List<String> knownIds = catalogue.rules().stream().map(r -> r.info().id()).toList();
        config.policies().keySet().stream().filter(id -> catalogue.find(id).isEmpty()).forEach(id ->
                setupProblems.add(new Problem(config.policySpans().get(id), "unknown policy id '" + id + "'"
                        + Suggestions.didYouMean(id, knownIds) + "; 'pipeguard policies list' shows every id")));
        setupProblems.addAll(ParameterCheck.problems(config, catalogue));
        // NOTE: configuration problems come first, where a CI log reader sees them; the check still
        // runs with what did load, and the exit code is 2.
        for (Problem p : setupProblems) {
            System.err.println(p + " [configuration]");
        }
        Engine engine = new Engine(catalogue.rules(), controls.select(config, catalogue));
        RunResult result = controls.run(engine, repo, config, catalogue, repository.dir, repository.settings);
        if (repo.workflows().isEmpty() && repo.problems().isEmpty()) {
            System.err.println("pipeguard: no workflows found: " + repository.dir.resolve(".github/workflows")
                    + " holds no *.yml or *.yaml files, so only repository-level policies ran"
                    + " (pass the repository's root folder, or add a workflow)");
        }
        Map<String, String> env = System.getenv();
        SourceLinks links = SourceLinks.of(env, ReportOutputs.pathPrefix(repository.dir, env),
                repository.settings == null ? Set.of() : Set.of(repository.settings.toString().replace('\\', '/')));
        ReportOutputs.write(outputs, result, links, category, colour());
        if (!noSarif) {
            try {
                new SarifReporter(sarif, category).write(result);
            } catch (java.io.IOException e) {
                throw new Main.UsageError("cannot write SARIF to " + sarif + ": " + e
                        + " (pass another --sarif FILE, or --no-sarif)");
            }
        }
        if (!noStepSummary) {
            ReportOutputs.stepSummary(env, result, links);
        }
        if (!setupProblems.isEmpty()) {
            System.err.println("pipeguard: " + setupProblems.size() + " configuration "
                    + (setupProblems.size() == 1 ? "problem" : "problems") + " (listed first, above); exit code 2");
        }
        if (!noSarif) {
            System.err.println("SARIF written to " + sarif);
        }
        if (github.upload && !github.upload(noSarif ? null : sarif, System.err)) {
            return Main.USAGE;
        }
        if (repository.settings != null && repo.settings() == null) {
            System.err.println("pipeguard: the settings snapshot " + repository.settings + " could not be used (see the errors above);"
                    + " fix it to match schemas/repository-settings.schema.json, or leave out --settings to check the workflows only");
            return Main.USAGE;
        }
        if (!setupProblems.isEmpty()) {
            return Main.USAGE;
        }
        boolean inputErrors = result.notices().stream().anyMatch(n -> n.kind() == Notice.Kind.INPUT_ERROR);
        boolean ruleErrors = result.notices().stream().anyMatch(n -> n.kind() == Notice.Kind.RULE_ERROR);
        boolean internal = result.notices().stream().anyMatch(n -> n.kind() == Notice.Kind.RULE_ERROR
                && n.message().startsWith(Engine.INTERNAL_ERROR));
        if (internal) {
            System.err.println("pipeguard: a rule failed with an internal error (above); please report it");
            return Main.INTERNAL;
        }
        if (ruleErrors) {
            return Main.USAGE;
        }
        // NOTE: --write-baseline is the step that accepts today's findings, so they do not fail it;
        // files that cannot be read still do, as the baseline cannot hold them.
        boolean fails = result.fails(threshold) && !controls.writesBaseline();
        return fails || (threshold != null && inputErrors) ? Main.FINDINGS : Main.OK;
    }

    /** A folder without {@code .github} is almost always the wrong folder; with a settings snapshot it may be deliberate. */
    private void checkLayout() {
        if (github.remote()) {
            return;
        }
        Path dir = repository.dir;
        if (Files.isDirectory(dir) && !Files.isDirectory(dir.resolve(".github"))) {
            String message = dir + " has no .github folder; pass the root of a repository checkout"
                    + " (the folder that holds .github/workflows), e.g. 'pipeguard check .' from the checkout's root";
            if (repository.settings == null) {
                throw new Main.UsageError(message);
            }
            System.err.println("pipeguard: " + message + "; checking the settings snapshot only");
        }
    }

    private Config config(List<Problem> problems) {
        if (configFile == null && github.remote()) {
            // NOTE: --repo checks the remote repository, so its own .github/pipeguard.yml applies, not the current folder's.
            return remoteConfig(problems);
        }
        Path file = configFile != null ? configFile : repository.dir.resolve(".github/pipeguard.yml");
        if (configFile != null && !Files.isRegularFile(configFile)) {
            throw new Main.UsageError("config file not found: " + configFile);
        }
        if (!Files.isRegularFile(file)) {
            return Config.defaults();
        }
        String shown = configFile != null ? configFile.toString() : ".github/pipeguard.yml";
        return Config.load(file, shown, problems);
    }

    private Config remoteConfig(List<Problem> problems) {
        String text = github.remoteConfig();
        if (text == null) {
            return Config.defaults();
        }
        Path tmp = null;
        try {
            tmp = Files.createTempFile("pipeguard-config", ".yml");
            Files.writeString(tmp, text);
            return Config.load(tmp, github.repo + ":.github/pipeguard.yml", problems);
        } catch (java.io.IOException e) {
            throw new Main.UsageError("cannot stage " + github.repo + "'s .github/pipeguard.yml: " + e.getMessage());
        } finally {
            if (tmp != null) {
                tmp.toFile().delete();
            }
        }
    }

    private Severity threshold(Config config) {
        if (failOn == null) {
            return config.failOn();
        }
        String f = failOn.toLowerCase(Locale.ROOT);
        if (f.equals("never")) {
            return null;
        }
        try {
            return Severity.parse(f);
        } catch (IllegalArgumentException e) {
            throw new Main.UsageError("--fail-on must be error, warning, note or never, not '" + failOn + "'");
        }
    }

    private boolean colour() {
        return switch (color) {
            case "always" -> true;
            case "never" -> false;
            default -> System.console() != null && System.getenv("NO_COLOR") == null;
        };
    }
}
