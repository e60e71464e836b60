package dev.pipeguard.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The command line's answers to the usual mistakes, each of which must name the fix, and the
 * everyday conveniences (--version, --help, completion, several formats in one run).
 * Every check passes {@code --no-step-summary} so a test run inside GitHub Actions leaves its
 * job summary alone.
 */
class CliMessagesTest {

    private static final String EXAMPLE = "examples/reference-app";
    private static final String SETTINGS = "examples/reference-app/repository-settings.yml";

    static CliRun run(String... args) {
        return CliRun.of(args);
    }

    private static CliRun check(String... args) {
        List<String> all = new ArrayList<>(List.of("check", "--no-sarif", "--no-step-summary"));
        all.addAll(Arrays.asList(args));
        return run(all.toArray(String[]::new));
    }

    @Test
    void notADirectory() {
        CliRun r = check("no/such/folder");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("not a directory: no/such/folder (pass the root of a repository checkout)"), r.err());
    }

    @Test
    void aFolderWithoutDotGithub(@TempDir Path dir) {
        CliRun r = check(dir.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("has no .github folder; pass the root of a repository checkout"), r.err());
        assertTrue(r.err().contains("'pipeguard check .'"), r.err());
    }

    @Test
    void noWorkflowsFound(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve(".github/workflows"));
        CliRun r = check(dir.toString());
        assertTrue(r.err().contains("no workflows found: "), r.err());
        assertTrue(r.err().contains("holds no *.yml or *.yaml files, so only repository-level policies ran"
                + " (pass the repository's root folder, or add a workflow)"), r.err());
    }

    @Test
    void unknownPolicyIdInConfig(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("pipeguard.yml");
        Files.writeString(config, "policies:\n  python-matrix-version:\n    enabled: false\n");
        CliRun r = check(EXAMPLE, "--settings", SETTINGS, "--config", config.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("unknown policy id 'python-matrix-version' (did you mean 'python-matrix-versions'?);"
                + " 'pipeguard policies list' shows every id"), r.err());
    }

    @Test
    void unknownPolicyIdInExplain() {
        CliRun r = run("policies", "explain", "image-scan-mising");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("unknown policy id 'image-scan-mising' (did you mean 'image-scan-missing'?);"
                + " 'pipeguard policies list' shows every id"), r.err());
    }

    @Test
    void unknownFormat() {
        CliRun r = check(EXAMPLE, "--format", "xml");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("unknown format 'xml'; valid formats: text, github, json, junit, markdown, sarif"
                + " (add =FILE to write one to a file, e.g. --format json=reports/pipeguard.json)"), r.err());
        assertEquals("", r.out(), "nothing is checked when the command line is wrong");
    }

    @Test
    void twoMachineFormatsOnStandardOutput() {
        CliRun r = check(EXAMPLE, "--format", "json", "--format", "junit");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("formats json, junit would all go to standard output and mix; give all but one a file"), r.err());
    }

    @Test
    void missingSettingsFile() {
        CliRun r = check(EXAMPLE, "--settings", "nope.yml");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("settings file not found: nope.yml (write one as in examples/reference-app/repository-settings.yml)"), r.err());
    }

    @Test
    void settingsIsAFolder() {
        CliRun r = check(EXAMPLE, "--settings", EXAMPLE);
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--settings wants a file, but examples/reference-app is a folder (pass the snapshot itself"), r.err());
    }

    @Test
    void unusableSettingsFile(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("settings.yml");
        Files.writeString(bad, "default_branch: [\n");
        CliRun r = check(EXAMPLE, "--settings", bad.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("the settings snapshot " + bad + " could not be used (see the errors above);"
                + " fix it to match schemas/repository-settings.schema.json, or leave out --settings"), r.err());
    }

    @Test
    void versionPrintsTheToolVersion() {
        CliRun r = run("--version");
        assertEquals(0, r.code());
        assertTrue(r.out().matches("pipeguard \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\R"), r.out());
    }

    @Test
    void helpShowsExamples() {
        CliRun root = run("--help");
        assertEquals(0, root.code());
        assertTrue(root.out().contains("Examples:") && root.out().contains("pipeguard check ."), root.out());
        CliRun check = run("check", "--help");
        assertTrue(check.out().contains("--format=FORMAT[=FILE]") && check.out().contains("Examples:"), check.out());
    }

    @Test
    void completionPrintsABashScript() {
        CliRun r = run("completion");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("complete -F") && r.out().contains("check") && r.out().contains("--format"),
                r.out().substring(0, Math.min(500, r.out().length())));
    }

    @Test
    void severalFormatsInOneRun(@TempDir Path dir) throws IOException {
        Path json = dir.resolve("out/pipeguard.json");
        Path junit = dir.resolve("out/pipeguard.xml");
        CliRun r = check(EXAMPLE, "--settings", SETTINGS, "--format", "text", "--format", "github",
                "--format", "json=" + json, "--format", "junit=" + junit);
        assertEquals(1, r.code(), r.err());
        assertTrue(r.out().contains("[python-matrix-versions] Python 3.9 is missing"), r.out());
        assertTrue(r.out().contains("::error file=examples/reference-app/.github/workflows/python-test.yml,line=14"), r.out());
        assertTrue(r.err().contains("json report written to " + json), r.err());
        assertTrue(Files.readString(json).contains("\"schemaVersion\" : 1"));
        assertTrue(Files.readString(junit).contains("<testsuite name=\"pipeguard\""));
    }

    /** A one-workflow repository in git whose two unpinned actions are warnings of the security pack. */
    private static Path unpinnedRepo(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir.resolve(".github/workflows"));
        Files.writeString(dir.resolve(".github/workflows/ci.yml"), "on: push\npermissions: {}\njobs:\n  a:\n"
                + "    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n");
        git(dir, "init", "-q", ".");
        git(dir, "add", ".");
        git(dir, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "base");
        Files.writeString(dir.resolve(".github/workflows/ci.yml"), "      - uses: actions/cache@v4\n", StandardOpenOption.APPEND);
        return dir;
    }

    private static void git(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(Arrays.asList(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), output);
    }

    @Test
    void writingABaselineAcceptsTheFindingsAndExitsZero(@TempDir Path dir) throws Exception {
        Path repo = unpinnedRepo(dir.resolve("repo"));
        Path baseline = dir.resolve("baseline.json");
        assertEquals(1, check(repo.toString(), "--packs", "security", "--fail-on", "warning").code());
        CliRun written = check(repo.toString(), "--packs", "security", "--fail-on", "warning", "--write-baseline", baseline.toString());
        assertEquals(0, written.code(), written.err());
        assertTrue(written.err().contains("baseline of 2 findings written to " + baseline), written.err());
        CliRun later = check(repo.toString(), "--packs", "security", "--fail-on", "warning", "--baseline", baseline.toString());
        assertEquals(0, later.code(), later.out() + later.err());
        assertTrue(later.out().contains("; 2 in the baseline"), later.out());
    }

    @Test
    void aBaselineWithAConfigurationErrorStillExitsTwo(@TempDir Path dir) throws Exception {
        Path repo = unpinnedRepo(dir.resolve("repo"));
        Files.writeString(repo.resolve(".github/pipeguard.yml"), "policies:\n  no-such-policy:\n    enabled: false\n");
        CliRun r = check(repo.toString(), "--packs", "security", "--write-baseline", dir.resolve("baseline.json").toString());
        assertEquals(2, r.code(), r.err());
    }

    @Test
    void summariesSayWhatAcceptedAFindingAndUseTheSingular(@TempDir Path dir) throws Exception {
        Path repo = unpinnedRepo(dir.resolve("repo"));
        CliRun r = check(repo.toString(), "--packs", "security", "--color", "never", "--new-since", "HEAD");
        String summary = r.out().lines().reduce((a, b) -> b).orElse("");
        assertTrue(summary.matches("1 finding \\(0 errors, 1 warning, 0 notes\\) from \\d+ policies over 1 workflow;.*"), summary);
        assertTrue(summary.endsWith("; 1 already present at HEAD"), summary);
        assertTrue(!summary.contains("baseline"), summary);
    }

    @Test
    void junitAndAnnotationsSayNotEvaluatedOnce(@TempDir Path dir) throws IOException {
        Path junit = dir.resolve("pipeguard.xml");
        CliRun r = check(EXAMPLE, "--format", "junit=" + junit, "--format", "github");
        String xml = Files.readString(junit);
        assertTrue(xml.contains("<skipped message=\"not evaluated: "), xml);
        assertTrue(!xml.contains("not evaluated: not evaluated"), xml);
        assertTrue(r.out().contains("%3A not evaluated::needs repository settings (pass --settings FILE)"), r.out());
    }

    @Test
    void policiesTestFailsAPolicyThatDoesNotLoad(@TempDir Path dir) throws IOException {
        Path policy = dir.resolve("mine/broken/policy.yml");
        Files.createDirectories(policy.getParent());
        Files.writeString(policy, "id: broken\ntitle: Broken\nseverity: error\nscope: job\nchecks:\n  - assert: 'true'\n");
        for (String[] args : List.of(new String[] {"policies", "test", dir.resolve("mine").toString()},
                new String[] {"policies", "test", "--policies", dir.resolve("mine").toString()})) {
            CliRun r = run(args);
            assertEquals(1, r.code(), r.out() + r.err());
            assertTrue(r.out().contains("FAIL " + policy.toString().replace('\\', '/') + ":1:1: "), r.out());
            assertTrue(r.out().endsWith("0 passed, 1 failed (1 policy does not load), 0 policies without fixtures" + System.lineSeparator()),
                    r.out());
        }
    }

    @Test
    void explainHintsAtOwnPolicies() {
        CliRun r = run("policies", "explain", "my-own-rule");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("(if it is your own policy, pass --policies DIR)"), r.err());
    }
}
