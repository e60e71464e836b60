package dev.pipeguard.cli;

import dev.pipeguard.engine.Baseline;
import dev.pipeguard.engine.Catalogue;
import dev.pipeguard.engine.Config;
import dev.pipeguard.engine.Controls;
import dev.pipeguard.engine.Engine;
import dev.pipeguard.engine.GitRevision;
import dev.pipeguard.engine.RepositoryLoader;
import dev.pipeguard.engine.RunResult;
import dev.pipeguard.model.Problem;
import dev.pipeguard.model.Repository;
import dev.pipeguard.model.Severity;
import dev.pipeguard.report.Plural;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * {@code check}'s options that choose which rules run and which findings are reported: packs,
 * rule switches and a lowest severity on top of the config file, a baseline to compare with (or
 * to write), and a git revision whose findings are not new.
 */
final class ControlOptions {

    @Option(names = "--packs", paramLabel = "PACK", split = ",",
            description = "Run only these packs (comma-separated), instead of the config's 'packs'.")
    List<String> packs;

    @Option(names = "--enable", paramLabel = "ID", split = ",",
            description = "Run this rule even when its pack is not chosen or the config switches it off (repeatable, comma-separated).")
    List<String> enable = new ArrayList<>();

    @Option(names = "--disable", paramLabel = "ID", split = ",",
            description = "Do not run this rule (repeatable, comma-separated).")
    List<String> disable = new ArrayList<>();

    @Option(names = "--min-severity", paramLabel = "LEVEL",
            description = "Report only findings at or above this severity: error, warning or note (default: note, all of them).")
    String minSeverity;

    @Option(names = "--baseline", paramLabel = "FILE",
            description = "Report only findings that are not in this baseline (written by --write-baseline); matched by fingerprint, so moved lines still match.")
    Path baseline;

    @Option(names = "--write-baseline", paramLabel = "FILE",
            description = "Write every finding not suppressed to FILE as a baseline (schemas/baseline.schema.json), to be passed to --baseline later;"
                    + " the findings it accepts do not fail this run (exit 0 unless a file cannot be read or the command line or config is wrong).")
    Path writeBaseline;

    @Option(names = "--new-since", paramLabel = "REF",
            description = "Report only findings that the git revision REF (e.g. the pull request's base, origin/main) did not have.")
    String newSince;

    /** Whether this run writes a baseline, which accepts its findings rather than failing on them. */
    boolean writesBaseline() {
        return writeBaseline != null;
    }

    /** The config with the packs and switches of the command line applied; unknown ids and packs are usage errors. */
    Config select(Config config, Catalogue catalogue) {
        Set<String> ids = catalogue.rules().stream().map(r -> r.info().id()).collect(Collectors.toCollection(TreeSet::new));
        Set<String> knownPacks = catalogue.rules().stream().map(r -> r.info().pack()).collect(Collectors.toCollection(TreeSet::new));
        Config out = config;
        if (packs != null) {
            for (String p : packs) {
                if (!knownPacks.contains(p)) {
                    throw new Main.UsageError("--packs: no pack is called '" + p + "'" + Suggestions.didYouMean(p, knownPacks)
                            + "; the packs are " + String.join(", ", knownPacks));
                }
            }
            out = out.withPacks(new LinkedHashSet<>(packs));
        }
        for (String id : enable) {
            out = out.withEnabled(known(id, ids, "--enable"), true);
        }
        for (String id : disable) {
            out = out.withEnabled(known(id, ids, "--disable"), false);
        }
        return out;
    }

    private static String known(String id, Set<String> ids, String option) {
        if (!ids.contains(id)) {
            throw new Main.UsageError(option + ": no rule is called '" + id + "'" + Suggestions.didYouMean(id, ids)
                    + "; 'pipeguard policies list' shows every id");
        }
        return id;
    }

    /**
     * Runs {@code engine} over {@code repo}, writes the baseline when asked, and applies
     * suppressions, ignores, the baseline, {@code --new-since} and {@code --min-severity}.
     */
    RunResult run(Engine engine, Repository repo, Config config, Catalogue catalogue, Path dir, Path settings) throws IOException {
        Severity lowest = severity();
        RunResult raw = engine.run(repo);
        LocalDate today = LocalDate.now();
        Map<String, Set<String>> accepted = new LinkedHashMap<>();
        if (baseline != null) {
            List<Problem> problems = new ArrayList<>();
            Baseline read = Baseline.read(baseline, problems).orElseThrow(() -> new Main.UsageError("--baseline: "
                    + problems.stream().map(Problem::toString).collect(Collectors.joining("; "))
                    + " (write one with --write-baseline FILE)"));
            accepted.put("in the baseline", Set.copyOf(read.fingerprints()));
        }
        Set<String> ids = catalogue.rules().stream().map(r -> r.info().id()).collect(Collectors.toSet());
        if (newSince != null) {
            accepted.put("already present at " + newSince,
                    fingerprintsAt(engine, repo, dir, settings, new Controls(config, Set.of(), null, today, ids)));
        }
        Controls controls = new Controls(config, accepted, lowest, today, ids);
        if (writeBaseline != null) {
            Controls.Accepted all = controls.acceptable(raw);
            Baseline.write(writeBaseline, all.findings(), all.fingerprints());
            System.err.println("pipeguard: baseline of " + Plural.of(all.findings().size(), "finding", "findings")
                    + " written to " + writeBaseline);
        }
        return controls.apply(raw);
    }

    private Set<String> fingerprintsAt(Engine engine, Repository repo, Path dir, Path settings, Controls controls) throws IOException {
        try (GitRevision revision = GitRevision.checkout(dir, newSince, repo.sources().keySet())) {
            Repository before = RepositoryLoader.local(revision.dir(), settings);
            return controls.fingerprints(engine.run(before));
        } catch (IOException e) {
            throw new Main.UsageError("--new-since " + newSince + ": cannot read that revision of " + dir + " with git: "
                    + e.getMessage() + " (in a shallow clone, fetch the base first, e.g. 'git fetch --depth=1 origin main')");
        } catch (UncheckedIOException e) {
            throw new Main.UsageError("--new-since " + newSince + ": " + e.getMessage());
        }
    }

    private Severity severity() {
        if (minSeverity == null) {
            return null;
        }
        try {
            return Severity.parse(minSeverity);
        } catch (IllegalArgumentException e) {
            throw new Main.UsageError("--min-severity must be error, warning or note, not '" + minSeverity + "'");
        }
    }
}
