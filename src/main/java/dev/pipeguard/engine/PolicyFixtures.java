package dev.pipeguard.engine;

import dev.pipeguard.model.Finding;
import dev.pipeguard.model.Notice;
import dev.pipeguard.model.Problem;
import dev.pipeguard.model.Repository;
import dev.pipeguard.rules.Rule;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs a policy's own fixtures (as {@code conftest verify} does): every folder under
 * {@code pass/} and {@code fail/} beside the policy is a small repository, optionally with a
 * {@code settings.yml} snapshot and a {@code .github/pipeguard.yml}. A fail case lists its
 * expected findings in {@code expected.txt} ({@code path:L:C-L:C: message}, or
 * {@code not evaluated: reason}); a pass case must give no finding of the policy at all.
 */
public final class PolicyFixtures {

    /** One case's verdict; {@code expected} and {@code actual} are the lines compared. */
    public record CaseResult(String rule, Path dir, boolean passed, List<String> expected, List<String> actual) {
    }

    private PolicyFixtures() {
    }

    /** Runs the fixtures beside {@code rule}'s file ({@code policyDir}); empty when it has none. */
    public static List<CaseResult> run(Rule rule, Path policyDir) throws IOException {
        List<CaseResult> out = new ArrayList<>();
        for (String kind : List.of("pass", "fail")) {
            Path root = policyDir.resolve(kind);
            if (!Files.isDirectory(root)) {
                continue;
            }
            List<Path> cases;
            try (Stream<Path> s = Files.list(root)) {
                cases = s.filter(Files::isDirectory).sorted().toList();
            }
            for (Path dir : cases) {
                out.add(runCase(rule, dir, kind.equals("fail")));
            }
        }
        return out;
    }

    private static CaseResult runCase(Rule rule, Path dir, boolean failing) throws IOException {
        Path settings = Files.isRegularFile(dir.resolve("settings.yml")) ? dir.resolve("settings.yml")
                : Files.isRegularFile(dir.resolve("settings.json")) ? dir.resolve("settings.json") : null;
        Repository repo = RepositoryLoader.local(dir, settings);
        List<Problem> configProblems = new ArrayList<>();
        Path configFile = dir.resolve(".github/pipeguard.yml");
        Config config = Files.isRegularFile(configFile)
                ? Config.load(configFile, ".github/pipeguard.yml", configProblems) : Config.defaults();
        // NOTE: a fixture exercises its own policy whatever packs the case's config names.
        RunResult result = new Engine(List.of(rule), config.withPacks(java.util.Set.of(rule.info().pack()))).run(repo);
        List<String> actual = new ArrayList<>();
        for (Finding f : result.findings()) {
            actual.add(f.span() + ": " + f.message());
        }
        for (Notice n : result.notices()) {
            switch (n.kind()) {
                case NOT_EVALUATED -> actual.add(n.message());
                case RULE_ERROR -> actual.add("policy error: " + n.message());
                case INPUT_ERROR -> actual.add("input error: " + n.span() + ": " + n.message());
            }
        }
        configProblems.forEach(p -> actual.add("config error: " + p));
        Path expectedFile = dir.resolve("expected.txt");
        List<String> expected = Files.isRegularFile(expectedFile)
                ? Files.readAllLines(expectedFile, StandardCharsets.UTF_8).stream()
                        .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList()
                : List.of();
        boolean passed = failing ? !expected.isEmpty() && expected.equals(actual) : actual.isEmpty() && expected.isEmpty();
        return new CaseResult(rule.info().id(), dir, passed, expected, actual);
    }
}
