package dev.pipeguard.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pipeguard.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CLI's contract: exit codes 0/1/2, located messages, and SARIF notifications for what was not evaluated. */
class ExitCodesTest {

    private static final Path EXAMPLE = Path.of("examples/reference-app");
    private static final Path SETTINGS = EXAMPLE.resolve("repository-settings.yml");

    @TempDir
    Path tmp;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void findingsExitOneAndWriteValidSarif() {
        Path sarif = tmp.resolve("out.sarif");
        CliRun r = run("check", EXAMPLE.toString(), "--settings", SETTINGS.toString(), "--sarif", sarif.toString(), "--color", "never");
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.out().contains(".github/workflows/python-test.yml:"), r.out());
        assertEquals("[]", Checks.sarifErrors(sarif).toString());
    }

    @Test
    void failOnNeverExitsZero() {
        CliRun r = run("check", EXAMPLE.toString(), "--no-sarif", "--fail-on", "never");
        assertEquals(0, r.code(), r.out() + r.err());
    }

    @Test
    void missingDirectoryIsAUsageError() {
        CliRun r = run("check", tmp.resolve("nope").toString(), "--no-sarif");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("not a directory"), r.err());
    }

    @Test
    void badFailOnIsAUsageError() {
        CliRun r = run("check", EXAMPLE.toString(), "--no-sarif", "--fail-on", "sometimes");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--fail-on must be"), r.err());
    }

    @Test
    void badFailOnWritesNoSarif() {
        Path sarif = tmp.resolve("out.sarif");
        CliRun r = run("check", EXAMPLE.toString(), "--sarif", sarif.toString(), "--fail-on", "sometimes");
        assertEquals(2, r.code(), r.err());
        assertTrue(!Files.exists(sarif), "a refused run writes no report");
    }

    @Test
    void unwritableSarifIsAUsageError() throws IOException {
        Path file = Files.writeString(tmp.resolve("a-file"), "");
        CliRun r = run("check", EXAMPLE.toString(), "--sarif", file.resolve("out.sarif").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("cannot write SARIF to"), r.err());
    }

    @Test
    void settingsPoliciesWithoutSettingsAreNotEvaluatedInTextAndSarif() throws IOException {
        Path sarif = tmp.resolve("nosettings.sarif");
        CliRun r = run("check", EXAMPLE.toString(), "--sarif", sarif.toString(), "--color", "never");
        assertTrue(r.out().contains("not evaluated"), r.out());
        JsonNode notes = new ObjectMapper().readTree(sarif.toFile()).at("/runs/0/invocations/0/toolExecutionNotifications");
        assertTrue(notes.size() > 0, "expected not-evaluated notifications");
        assertTrue(notes.get(0).at("/message/text").asText().contains("needs repository settings"), notes.toString());
    }

    @Test
    void unknownPolicyInConfigIsALocatedConfigurationError() throws IOException {
        Path repo = tmp.resolve("repo");
        Files.createDirectories(repo.resolve(".github/workflows"));
        Files.copy(EXAMPLE.resolve(".github/workflows/python-test.yml"), repo.resolve(".github/workflows/python-test.yml"));
        Files.writeString(repo.resolve(".github/pipeguard.yml"), "policies:\n  no-such-policy:\n    enabled: false\n");
        CliRun r = run("check", repo.toString(), "--no-sarif", "--fail-on", "never");
        assertEquals(2, r.code());
        assertTrue(r.err().contains(".github/pipeguard.yml:2:3: unknown policy id 'no-such-policy'"), r.err());
    }

    @Test
    void brokenWorkflowIsLocatedAndTheOthersAreStillChecked() throws IOException {
        Path repo = tmp.resolve("broken");
        Files.createDirectories(repo.resolve(".github/workflows"));
        Files.copy(EXAMPLE.resolve(".github/workflows/python-test.yml"), repo.resolve(".github/workflows/python-test.yml"));
        Files.writeString(repo.resolve(".github/workflows/bad.yml"), "on: push\njobs:\n  a: [unclosed\n");
        CliRun r = run("check", repo.toString(), "--no-sarif", "--color", "never", "--packs", "reference-pipeline");
        assertEquals(1, r.code());
        assertTrue(r.out().contains(".github/workflows/bad.yml:"), r.out());
        assertTrue(r.out().contains("YAML syntax error"), r.out());
        assertTrue(r.out().contains("[python-matrix-versions]"), r.out());
        assertTrue(!r.out().contains("Exception") && !r.err().contains("Exception"), r.out() + r.err());
    }

    @Test
    void explainUnknownPolicyIsAUsageError() {
        CliRun r = run("policies", "explain", "no-such-policy");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("unknown policy id"), r.err());
    }

    @Test
    void brokenExtraPolicyFolderIsAConfigurationError() {
        CliRun r = run("check", EXAMPLE.toString(), "--no-sarif", "--policies", "src/test/resources/policy-errors/bad-cel");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("invalid CEL"), r.err());
    }

    @Test
    void misspeltOrMistypedParametersAreLocatedConfigurationErrors() throws IOException {
        Path repo = tmp.resolve("params");
        Files.createDirectories(repo.resolve(".github/workflows"));
        Files.copy(EXAMPLE.resolve(".github/workflows/python-test.yml"), repo.resolve(".github/workflows/python-test.yml"));
        Files.writeString(repo.resolve(".github/pipeguard.yml"), "packs: [reference-pipeline]\npolicies:\n"
                + "  python-matrix-versions:\n    parameters:\n      version: ['3.12']\n"
                + "  test-workflow-triggers:\n    parameters:\n      branches: main\n");
        CliRun r = run("check", repo.toString(), "--no-sarif", "--color", "never");
        assertEquals(2, r.code());
        assertTrue(r.err().contains(".github/pipeguard.yml:3:3: policy 'python-matrix-versions' has no parameter 'version'; "
                + "its parameters are versions, axis"), r.err());
        assertTrue(r.err().contains(".github/pipeguard.yml:6:3: parameter 'branches' of policy 'test-workflow-triggers' must be a list"),
                r.err());
        assertTrue(r.err().indexOf("[configuration]") < r.err().indexOf("configuration problems (listed first"), r.err());
    }

    @Test
    void ownPoliciesRunWhateverPacksTheConfigNames() throws IOException {
        Path repo = tmp.resolve("own");
        Files.createDirectories(repo.resolve(".github/workflows"));
        Files.writeString(repo.resolve(".github/workflows/ci.yml"), "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n"
                + "    steps:\n      - run: echo hi\n");
        Files.writeString(repo.resolve(".github/pipeguard.yml"), "packs: [security]\n");
        Path policy = tmp.resolve("mine/job-timeout/policy.yml");
        Files.createDirectories(policy.getParent());
        Files.writeString(policy, "id: job-timeout\ntitle: Jobs set a timeout\nseverity: warning\ndescription: d\nhelp: h\n"
                + "scope: job\nchecks:\n  - assert: has(job.timeoutMinutes)\n    message: job {{ job.id }} has no timeout-minutes\n");
        CliRun r = run("check", repo.toString(), "--no-sarif", "--color", "never", "--policies", tmp.resolve("mine").toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("[job-timeout] job a has no timeout-minutes"), r.out());
    }
}
