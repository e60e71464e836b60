package dev.pipeguard.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

    record Run(int exit, String out, String err) {
    }

    static synchronized Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int exit = Main.run(args);
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    private static Run check(String... args) {
        List<String> all = new ArrayList<>(List.of("check", "--no-sarif", "--no-step-summary"));
        all.addAll(Arrays.asList(args));
        return run(all.toArray(String[]::new));
    }

    @Test
    void notADirectory() {
        Run r = check("no/such/folder");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("not a directory: no/such/folder (pass the root of a repository checkout)"), r.err());
    }

    @Test
    void aFolderWithoutDotGithub(@TempDir Path dir) {
        Run r = check(dir.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("has no .github folder; pass the root of a repository checkout"), r.err());
        assertTrue(r.err().contains("'pipeguard check .'"), r.err());
    }

    @Test
    void noWorkflowsFound(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve(".github/workflows"));
        Run r = check(dir.toString());
        assertTrue(r.err().contains("no workflows found: "), r.err());
        assertTrue(r.err().contains("holds no *.yml or *.yaml files, so only repository-level policies ran"
                + " (pass the repository's root folder, or add a workflow)"), r.err());
    }

    @Test
    void unknownPolicyIdInConfig(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("pipeguard.yml");
        Files.writeString(config, "policies:\n  python-matrix-version:\n    enabled: false\n");
        Run r = check(EXAMPLE, "--settings", SETTINGS, "--config", config.toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("unknown policy id 'python-matrix-version' (did you mean 'python-matrix-versions'?);"
                + " 'pipeguard policies list' shows every id"), r.err());
    }

    @Test
    void unknownPolicyIdInExplain() {
        Run r = run("policies", "explain", "image-scan-mising");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("unknown policy id 'image-scan-mising' (did you mean 'image-scan-missing'?);"
                + " 'pipeguard policies list' shows every id"), r.err());
    }

    @Test
    void unknownFormat() {
        Run r = check(EXAMPLE, "--format", "xml");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("unknown format 'xml'; valid formats: text, github, json, junit, markdown, sarif"
                + " (add =FILE to write one to a file, e.g. --format json=reports/pipeguard.json)"), r.err());
        assertEquals("", r.out(), "nothing is checked when the command line is wrong");
    }

    @Test
    void twoMachineFormatsOnStandardOutput() {
        Run r = check(EXAMPLE, "--format", "json", "--format", "junit");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("formats json, junit would all go to standard output and mix; give all but one a file"), r.err());
    }

    @Test
    void missingSettingsFile() {
        Run r = check(EXAMPLE, "--settings", "nope.yml");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("settings file not found: nope.yml (write one as in examples/reference-app/repository-settings.yml)"), r.err());
    }

    @Test
    void settingsIsAFolder() {
        Run r = check(EXAMPLE, "--settings", EXAMPLE);
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--settings wants a file, but examples/reference-app is a folder (pass the snapshot itself"), r.err());
    }

    @Test
    void unusableSettingsFile(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("settings.yml");
        Files.writeString(bad, "default_branch: [\n");
        Run r = check(EXAMPLE, "--settings", bad.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("the settings snapshot " + bad + " could not be used (see the errors above);"
                + " fix it to match schemas/repository-settings.schema.json, or leave out --settings"), r.err());
    }

    @Test
    void versionPrintsTheToolVersion() {
        Run r = run("--version");
        assertEquals(0, r.exit());
        assertTrue(r.out().matches("pipeguard \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\R"), r.out());
    }

    @Test
    void helpShowsExamples() {
        Run root = run("--help");
        assertEquals(0, root.exit());
        assertTrue(root.out().contains("Examples:") && root.out().contains("pipeguard check ."), root.out());
        Run check = run("check", "--help");
        assertTrue(check.out().contains("--format=FORMAT[=FILE]") && check.out().contains("Examples:"), check.out());
    }

    @Test
    void completionPrintsABashScript() {
        Run r = run("completion");
        assertEquals(0, r.exit());
        assertTrue(r.out().contains("complete -F") && r.out().contains("check") && r.out().contains("--format"),
                r.out().substring(0, Math.min(500, r.out().length())));
    }

    @Test
    void severalFormatsInOneRun(@TempDir Path dir) throws IOException {
        Path json = dir.resolve("out/pipeguard.json");
        Path junit = dir.resolve("out/pipeguard.xml");
        Run r = check(EXAMPLE, "--settings", SETTINGS, "--format", "text", "--format", "github",
                "--format", "json=" + json, "--format", "junit=" + junit);
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.out().contains("[python-matrix-versions] Python 3.9 is missing"), r.out());
        assertTrue(r.out().contains("::error file=examples/reference-app/.github/workflows/python-test.yml,line=14"), r.out());
        assertTrue(r.err().contains("json report written to " + json), r.err());
        assertTrue(Files.readString(json).contains("\"schemaVersion\" : 1"));
        assertTrue(Files.readString(junit).contains("<testsuite name=\"pipeguard\""));
    }
}
