package dev.pipeguard.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.pipeguard.model.Finding;
import dev.pipeguard.model.Problem;
import dev.pipeguard.model.Repository;
import dev.pipeguard.model.RuleInfo;
import dev.pipeguard.report.sarif.SarifReporter;
import dev.pipeguard.rules.Rule;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Suppression comments, config ignores, baselines and {@code --new-since}. The cases under
 * {@code src/test/resources/controls/} are repositories with an {@code expected.txt} of what the
 * whole catalogue reports after the controls, on the fixed day {@link #TODAY}.
 */
class ControlsTest {

    static final LocalDate TODAY = LocalDate.of(2026, 6, 1);
    private static final Path CASES = Path.of("src/test/resources/controls");
    private static final Catalogue CATALOGUE = Catalogue.load(List.of());
    private static final Set<String> IDS = CATALOGUE.rules().stream().map(r -> r.info().id()).collect(Collectors.toSet());

    @TestFactory
    Stream<DynamicTest> cases() throws IOException {
        try (Stream<Path> dirs = Files.list(CASES)) {
            return dirs.filter(Files::isDirectory).sorted().toList().stream().map(dir -> DynamicTest.dynamicTest(
                    dir.getFileName().toString(), dir.toUri(), () -> {
                        List<String> actual = lines(run(dir, Set.of()));
                        Path expected = dir.resolve("expected.txt");
                        if (!Files.exists(expected)) {
                            Files.write(expected, actual, StandardCharsets.UTF_8);
                        }
                        assertEquals(String.join("\n", Files.readAllLines(expected, StandardCharsets.UTF_8)), String.join("\n", actual));
                    }));
        }
    }

    @TestFactory
    List<DynamicTest> fixturesOfTheControlsPack() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Rule rule : CATALOGUE.rules()) {
            RuleInfo info = rule.info();
            if (!Engine.CONTROLS_PACK.equals(info.pack()) || info.id().equals(Controls.UNUSED_RULE)) {
                continue;
            }
            Path dir = Path.of(info.source()).getParent();
            tests.add(DynamicTest.dynamicTest(info.id(), () -> {
                List<PolicyFixtures.CaseResult> cases = PolicyFixtures.run(rule, dir);
                assertTrue(cases.stream().anyMatch(c -> c.dir().getParent().endsWith("pass")), "a pass/ fixture");
                assertTrue(cases.stream().anyMatch(c -> c.dir().getParent().endsWith("fail")), "a fail/ fixture");
                for (PolicyFixtures.CaseResult c : cases) {
                    assertEquals(String.join("\n", c.expected()), String.join("\n", c.actual()), info.id() + " " + dir.relativize(c.dir()));
                    assertTrue(c.passed(), info.id() + " " + dir.relativize(c.dir()));
                }
            }));
        }
        assertEquals(2, tests.size());
        return tests;
    }

    @Test
    void suppressedFindingsStayInSarifWithTheirJustification(@TempDir Path tmp) throws IOException {
        Path sarif = tmp.resolve("out.sarif");
        new SarifReporter(sarif, "pipeguard").write(run(CASES.resolve("inline"), Set.of()));
        JsonNode doc = new ObjectMapper().readTree(sarif.toFile());
        try (InputStream in = Files.newInputStream(Path.of("schemas", "sarif-2.1.0.schema.json"))) {
            assertEquals(Set.of(), JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in).validate(doc));
        }
        JsonNode results = doc.at("/runs/0/results");
        List<String> suppressed = new ArrayList<>();
        Set<String> prints = new HashSet<>();
        for (JsonNode r : results) {
            prints.add(r.at("/partialFingerprints/pipeguardFingerprint~1v1").asText());
            for (JsonNode s : r.path("suppressions")) {
                suppressed.add(r.at("/locations/0/physicalLocation/region/startLine").asInt() + " " + r.get("ruleId").asText()
                        + " " + s.get("kind").asText() + ": " + s.get("justification").asText());
            }
        }
        assertEquals(List.of(
                "7 unpinned-uses inSource: first-party action, tag protected",
                "10 unpinned-uses inSource: vendored setup, reviewed",
                "11 unpinned-uses inSource: no reason given",
                "15 curl-pipe-shell inSource: installer checked by checksum in the image"), suppressed);
        assertEquals(results.size(), prints.size(), "fingerprints are unique");
        JsonNode driverRules = new ObjectMapper().readTree(sarif.toFile()).at("/runs/0/tool/driver/rules");
        List<String> ids = new ArrayList<>();
        driverRules.forEach(r -> ids.add(r.get("id").asText()));
        assertTrue(ids.containsAll(List.of("suppression-malformed", "suppression-unused", "suppression-without-reason")), ids::toString);
    }

    @Test
    void baselineStillMatchesWhenLinesMoveAndNotWhenTheFindingsLineChanges(@TempDir Path tmp) throws IOException {
        Path repo = tmp.resolve("repo");
        write(repo, "on: push\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
                + "      - uses: actions/checkout@v4\n      - uses: actions/cache@v4\n");
        RunResult before = raw(repo);
        assertEquals(2, before.findings().size(), before.findings()::toString);
        Controls.Accepted accepted = Controls.of(Config.defaults(), TODAY).acceptable(before);
        Path file = tmp.resolve("baseline.json");
        Baseline.write(file, accepted.findings(), accepted.fingerprints());
        List<Problem> problems = new ArrayList<>();
        Baseline baseline = Baseline.read(file, problems).orElseThrow(() -> new AssertionError(problems));

        // Lines move: a job-level comment, a new step and an env block above both findings.
        write(repo, "on: push\npermissions: {}\nenv:\n  A: b\njobs:\n  a:\n    # builds\n    runs-on: ubuntu-latest\n    steps:\n"
                + "      - run: echo first\n      - uses: actions/checkout@v4\n      - uses: actions/cache@v4\n");
        RunResult moved = controls(baseline).apply(raw(repo));
        assertEquals(List.of(), moved.findings());
        assertEquals(2, moved.baselined());

        // The checkout's line changes (a new tag): that finding is new; the cache one still matches.
        write(repo, "on: push\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
                + "      - uses: actions/checkout@v5\n      - uses: actions/cache@v4\n");
        RunResult changed = controls(baseline).apply(raw(repo));
        assertEquals(List.of("r/.github/workflows/ci.yml:7".substring(2) + " unpinned-uses"),
                changed.findings().stream().map(f -> f.span().file() + ":" + f.span().start().line() + " " + f.ruleId()).toList());
        assertEquals(1, changed.baselined());
    }

    @Test
    void baselineFilesAreValidatedAgainstTheirSchema(@TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("baseline.json");
        Files.writeString(file, "{\"version\": 1, \"findings\": [{\"fingerprint\": \"not-a-fingerprint\"}]}");
        List<Problem> problems = new ArrayList<>();
        assertTrue(Baseline.read(file, problems).isEmpty());
        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).span().toString().startsWith(file.toString().replace('\\', '/') + ":1:"), problems::toString);
    }

    @Test
    void newSinceReportsOnlyFindingsTheBaseRevisionDidNotHave(@TempDir Path tmp) throws Exception {
        Path repo = tmp.resolve("repo");
        git(tmp, "init", "-q", "repo");
        write(repo, "on: push\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
                + "      - uses: actions/checkout@v4\n");
        git(repo, "add", ".");
        git(repo, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "base");
        // The pull request: lines above the old finding move, and a new unpinned action appears.
        write(repo, "on: push\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
                + "      - run: echo setup\n      - uses: actions/checkout@v4\n      - uses: actions/cache@v4\n");
        Repository now = RepositoryLoader.local(repo, null);
        Engine engine = new Engine(CATALOGUE.rules(), Config.defaults().withPacks(Set.of("security")));
        Set<String> before;
        try (GitRevision base = GitRevision.checkout(repo, "HEAD", now.sources().keySet())) {
            assertTrue(Files.isRegularFile(base.dir().resolve(".github/workflows/ci.yml")));
            Repository then = RepositoryLoader.local(base.dir(), null);
            before = new Controls(Config.defaults(), Set.of(), null, TODAY, IDS).fingerprints(engine.run(then));
        }
        RunResult result = new Controls(Config.defaults(), before, null, TODAY, IDS).apply(engine.run(now));
        assertEquals(List.of(".github/workflows/ci.yml:9 unpinned-uses"),
                result.findings().stream().map(f -> f.span().file() + ":" + f.span().start().line() + " " + f.ruleId()).toList());
        assertEquals(1, result.baselined());
    }

    @Test
    void anUnknownRevisionIsAnError(@TempDir Path tmp) throws Exception {
        git(tmp, "init", "-q", "repo");
        try {
            GitRevision.checkout(tmp.resolve("repo"), "no-such-ref", List.of()).close();
            throw new AssertionError("expected an error");
        } catch (IOException e) {
            assertTrue(e.getMessage().contains("rev-parse"), e.getMessage());
        }
    }

    private static RunResult run(Path dir, Set<String> accepted) {
        List<Problem> problems = new ArrayList<>();
        Path configFile = dir.resolve(".github/pipeguard.yml");
        Config config = Files.isRegularFile(configFile) ? Config.load(configFile, ".github/pipeguard.yml", problems) : Config.defaults();
        assertEquals(List.of(), problems);
        RunResult raw = new Engine(CATALOGUE.rules(), config).run(RepositoryLoader.local(dir, null));
        return new Controls(config, accepted, null, TODAY, IDS).apply(raw);
    }

    private static RunResult raw(Path repo) {
        return new Engine(CATALOGUE.rules(), Config.defaults().withPacks(Set.of("security"))).run(RepositoryLoader.local(repo, null));
    }

    private static Controls controls(Baseline baseline) {
        return new Controls(Config.defaults(), baseline.fingerprints(), null, TODAY, IDS);
    }

    /** The run as golden text: findings, then suppressed findings, then how many a baseline held. */
    private static List<String> lines(RunResult result) {
        List<String> out = new ArrayList<>();
        for (Finding f : result.findings()) {
            out.add(f.span() + ": " + f.severity().id() + " [" + f.ruleId() + "] " + f.message());
        }
        for (RunResult.Suppressed s : result.suppressed()) {
            out.add("suppressed " + s.finding().span() + " [" + s.finding().ruleId() + "] by " + s.where() + " ("
                    + s.kind().name().toLowerCase() + "): " + s.justification());
        }
        if (result.baselined() > 0) {
            out.add("baselined: " + result.baselined());
        }
        return out;
    }

    private static void write(Path repo, String workflow) throws IOException {
        Files.createDirectories(repo.resolve(".github/workflows"));
        Files.writeString(repo.resolve(".github/workflows/ci.yml"), workflow);
    }

    private static void git(Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, "git " + String.join(" ", args) + ": " + out);
    }
}
