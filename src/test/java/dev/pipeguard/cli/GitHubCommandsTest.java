package dev.pipeguard.cli;

import dev.pipeguard.github.FakeAccess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The GitHub commands end to end through {@link Main#run} against the fake GitHub; every output,
 * log and written file is grepped for the token. Lives in cli because the mixin is package-private.
 */
class GitHubCommandsTest {

    @TempDir
    Path tmp;

    private final List<String> outputs = new ArrayList<>();

    /** The token, every installation token and JWT the fakes issued, and the app's key: none may be printed or written. */
    @AfterEach
    void noSecretAnywhere() throws IOException {
        java.util.Set<String> secrets = FakeAccess.secrets();
        assertTrue(secrets.contains(FakeAccess.TOKEN));
        for (String secret : secrets) {
            for (String o : outputs) {
                assertFalse(o.contains(secret), "secret printed: " + secret.substring(0, 4) + "...");
            }
        }
        try (Stream<Path> s = Files.walk(tmp)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                if (!p.getFileName().toString().equals("token") && !p.getFileName().toString().equals("app.pem")) {
                    String text = Files.readString(p, StandardCharsets.ISO_8859_1);
                    for (String secret : secrets) {
                        assertFalse(text.contains(secret), "secret written to " + p);
                    }
                }
            }
        }
        GitHubOptions.environment = System::getenv;
    }

    private CliRun run(String... args) {
        CliRun r = CliRun.of(args);
        outputs.add(r.out());
        outputs.add(r.err());
        return r;
    }

    private Path tokenFile() throws IOException {
        Path f = tmp.resolve("token");
        Files.writeString(f, FakeAccess.TOKEN + "\n");
        return f;
    }

    @Test
    void checkRepoReadsThroughTheApiAndWritesSarif() throws IOException {
        try (var fake = FakeAccess.acme()) {
            Path sarif = tmp.resolve("out.sarif");
            CliRun r = run("check", "--repo", "acme/locked", "--api-url", fake.url(), "--token-file", tokenFile().toString(),
                    "--sarif", sarif.toString(), "--no-step-summary");
            assertTrue(r.code() == 0 || r.code() == 1, r.err());
            assertTrue(Files.readString(sarif).contains("\"version\" : \"2.1.0\""));
            assertTrue(r.err().contains("classic branch protection is unknown"), r.err());
        }
    }

    @Test
    void settingsPullWritesASnapshotTheLoaderAccepts() throws IOException {
        try (var fake = FakeAccess.acme()) {
            GitHubOptions.environment = name -> name.equals("GITHUB_TOKEN") ? FakeAccess.TOKEN : null;
            CliRun r = run("settings", "pull", "acme/rules", "--api-url", fake.url());
            assertEquals(0, r.code(), r.err());
            Path file = tmp.resolve("settings.json");
            Files.writeString(file, r.out());
            List<dev.pipeguard.model.Problem> problems = new ArrayList<>();
            var settings = dev.pipeguard.load.SettingsLoader.load(file, "settings.json", problems).orElseThrow();
            assertEquals(List.of(), problems);
            assertEquals(true, settings.branches().get("main").isProtected());
            assertEquals("ruleset", settings.branches().get("main").source());
        }
    }

    @Test
    void uploadWhoseProcessingFailsSaysWhy() throws IOException {
        try (var fake = FakeAccess.acme()) {
            Path sarif = tmp.resolve("x.sarif");
            Files.writeString(sarif, "{\"version\":\"2.1.0\",\"runs\":[{\"tool\":{\"driver\":{\"name\":\"pipeguard\"}},\"results\":[]}]}");
            FakeAccess.failProcessing(fake, "locationFromSarifResult: expected artifact location");
            CliRun r = run("upload", "--repo", "acme/app", "--sarif", sarif.toString(), "--commit-sha", "a".repeat(40),
                    "--ref", "refs/heads/main", "--api-url", fake.url(), "--token-file", tokenFile().toString());
            assertEquals(Main.USAGE, r.code(), r.err());
            assertTrue(r.err().contains("could not process") && r.err().contains("expected artifact location"), r.err());
            assertEquals(1, FakeAccess.uploads(fake).size());
            assertEquals("refs/heads/main", FakeAccess.uploads(fake).get(0).get("ref"));
        }
    }

    @Test
    void uploadRefusedForPermissionExplainsItself() throws IOException {
        try (var fake = FakeAccess.acme()) {
            Path sarif = tmp.resolve("x.sarif");
            Files.writeString(sarif, "{\"version\":\"2.1.0\",\"runs\":[]}");
            FakeAccess.refuseUploads(fake, 403, "Advanced Security must be enabled for this repository to use code scanning.");
            CliRun r = run("upload", "--repo", "acme/app", "--sarif", sarif.toString(), "--commit-sha", "a".repeat(40),
                    "--ref", "main", "--api-url", fake.url(), "--token-file", tokenFile().toString());
            assertEquals(Main.USAGE, r.code());
            assertTrue(r.err().contains("Advanced Security is not enabled for this private repository"), r.err());
            FakeAccess.refuseUploads(fake, 403, "Resource not accessible by integration");
            r = run("upload", "--repo", "acme/app", "--sarif", sarif.toString(), "--commit-sha", "a".repeat(40),
                    "--ref", "main", "--api-url", fake.url(), "--token-file", tokenFile().toString());
            assertTrue(r.err().contains("security-events: write"), r.err());
        }
    }

    @Test
    void checkRepoAsAGitHubAppFindsTheInstallationUploadsAndNeverPrintsItsToken() throws IOException {
        Path key = tmp.resolve("app.pem");
        try (var fake = FakeAccess.acmeWithApp(key)) {
            GitHubOptions.environment = name -> null;
            Path sarif = tmp.resolve("app.sarif");
            CliRun r = run("check", "--repo", "acme/app", "--api-url", fake.url(), "--app-id", FakeAccess.APP_ID,
                    "--app-key-file", key.toString(), "--sarif", sarif.toString(), "--no-step-summary", "--upload");
            assertTrue(r.code() == 0 || r.code() == 1, r.err());
            assertTrue(Files.isRegularFile(sarif));
            assertEquals(1, FakeAccess.uploads(fake).size(), r.err());
            assertEquals(1, FakeAccess.installationTokensIssued(fake), "reading and uploading share one token");
            assertTrue(FakeAccess.requestLog(fake).get(0).startsWith("GET /repos/acme/app/installation 200"));
        }
    }

    @Test
    void auditAsAGitHubAppWithAnInstallationId() throws IOException {
        Path key = tmp.resolve("app.pem");
        try (var fake = FakeAccess.acmeWithApp(key)) {
            CliRun r = run("audit", "--org", "acme", "--api-url", fake.url(), "--app-id", FakeAccess.APP_ID, "--app-key-file",
                    key.toString(), "--installation-id", "4242", "--reports", tmp.resolve("reports").toString(),
                    "--cache", tmp.resolve("cache").toString());
            assertTrue(r.code() == 0 || r.code() == 1, r.err());
            assertTrue(r.err().contains("audited 5 repositories"), r.err());
            assertTrue(FakeAccess.requestLog(fake).get(0).startsWith("POST /app/installations/4242/access_tokens 201"));
        }
    }

    @Test
    void appOptionsComeInPairsAndWrongKeysAreUsageErrors() throws IOException {
        try (var fake = FakeAccess.acme()) {
            CliRun r = run("settings", "pull", "acme/app", "--api-url", fake.url(), "--app-id", "123");
            assertEquals(Main.USAGE, r.code());
            assertTrue(r.err().contains("--app-id and --app-key-file"), r.err());
            Path notKey = Files.writeString(tmp.resolve("notkey.txt"), "not a key");
            r = run("settings", "pull", "acme/app", "--api-url", fake.url(), "--app-id", "123", "--app-key-file", notKey.toString());
            assertEquals(Main.USAGE, r.code());
            assertTrue(r.err().contains("is not a PEM private key"), r.err());
        }
    }

    @Test
    void auditEstimatePrintsTheCostAndSpendsNoGraphql() throws IOException {
        try (var fake = FakeAccess.acme()) {
            CliRun r = run("audit", "--org", "acme", "--estimate", "--api-url", fake.url(), "--token-file", tokenFile().toString(),
                    "--reports", tmp.resolve("reports").toString(), "--cache", tmp.resolve("cache").toString());
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().startsWith("5 repositories to audit (2 skipped); about "), r.out());
            assertTrue(r.out().contains("GraphQL"), r.out());
            assertEquals(List.of(), FakeAccess.graphqlQueries(fake), "an estimate reads no repository");
            assertFalse(Files.exists(tmp.resolve("reports").resolve("audit.json")));
        }
    }

    @Test
    void auditOfAReposFileAuditsThoseAndNamesTheMissing() throws IOException {
        try (var fake = FakeAccess.acme()) {
            Path list = Files.writeString(tmp.resolve("repos.txt"), "# the ones that matter\nacme/app\n\n  acme/rules  \nacme/gone\n");
            Path reports = tmp.resolve("reports");
            CliRun r = run("audit", "--repos", list.toString(), "--api-url", fake.url(), "--token-file", tokenFile().toString(),
                    "--reports", reports.toString(), "--cache", tmp.resolve("cache").toString());
            assertTrue(r.code() == 0 || r.code() == 1, r.err());
            String summary = Files.readString(reports.resolve("audit.json"));
            assertTrue(summary.contains("\"acme/app\"") && summary.contains("\"acme/rules\"") && !summary.contains("\"acme/trial\""), summary);
            assertTrue(summary.contains("\"acme/gone\" : \"not found"), summary);
            Files.writeString(list, "acme app\n");
            r = run("audit", "--repos", list.toString(), "--api-url", fake.url(), "--token-file", tokenFile().toString());
            assertEquals(Main.USAGE, r.code());
            assertTrue(r.err().contains("expected OWNER/NAME"), r.err());
        }
    }

    @Test
    void auditOfAUserPrintsPlainProgressLinesWhenNotATerminal() throws IOException {
        try (var fake = FakeAccess.acme()) {
            Path reports = tmp.resolve("reports");
            CliRun r = run("audit", "--user", "octo", "--api-url", fake.url(), "--token-file", tokenFile().toString(),
                    "--reports", reports.toString(), "--cache", tmp.resolve("cache").toString());
            assertTrue(r.code() == 0 || r.code() == 1, r.err());
            assertTrue(Files.readString(reports.resolve("audit.json")).contains("\"octo/dotfiles\""));
            assertFalse(r.err().contains("\r") || r.err().contains("\033["), "no redrawing outside a terminal");
            assertTrue(r.err().lines().anyMatch(l -> l.matches("pipeguard: 1/1 octo/dotfiles: \\d+ findings; rate limit left \\d+; ETA \\d+s")),
                    r.err());
        }
    }

    @Test
    void onATerminalProgressRedrawsOneLine() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        var bar = AuditCommand.progress(true, err);
        bar.accept("1/2 acme/app: 3 findings; rate limit left 4990; ETA 1s");
        bar.accept("2/2 acme/rules: 0 findings; rate limit left 4985; ETA 0s");
        assertEquals("\r\033[K1/2 acme/app: 3 findings; rate limit left 4990; ETA 1s\r\033[K2/2 acme/rules: 0 findings;"
                + " rate limit left 4985; ETA 0s", bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void checkRepoAtARefReadsThatRefAndUploadsForIt() throws IOException {
        try (var fake = FakeAccess.acme()) {
            GitHubOptions.environment = name -> null;
            CliRun r = run("check", "--repo", "acme/app", "--ref", "release/2.0", "--api-url", fake.url(), "--token-file",
                    tokenFile().toString(), "--sarif", tmp.resolve("x.sarif").toString(), "--no-step-summary", "--upload");
            assertTrue(r.code() == 0 || r.code() == 1, r.err());
            assertTrue(FakeAccess.graphqlQueries(fake).get(0).contains("expression: \"release/2.0:.github\""));
            Map<String, String> upload = FakeAccess.uploads(fake).get(0);
            assertEquals("refs/heads/release/2.0", upload.get("ref"));
            assertEquals(40, upload.get("sha").length());
        }
    }

    @Test
    void checkRepoUsesTheRemoteRepositorysConfigUnlessGivenOne() throws IOException {
        try (var fake = FakeAccess.acme()) {
            // The current folder (pipeguard's own checkout) has a .github/pipeguard.yml with fail-on: note; octo/dotfiles says never.
            CliRun r = run("check", "--repo", "octo/dotfiles", "--api-url", fake.url(), "--token-file", tokenFile().toString(),
                    "--no-sarif", "--no-step-summary", "--format", "json");
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().contains("\"findings\""), r.out());
            Path strict = Files.writeString(tmp.resolve("strict.yml"), "fail-on: note\n");
            r = run("check", "--repo", "octo/dotfiles", "--api-url", fake.url(), "--token-file", tokenFile().toString(),
                    "--no-sarif", "--no-step-summary", "--config", strict.toString());
            assertEquals(1, r.code(), "the same findings fail under --config: " + r.err());
        }
    }

    @Test
    void noTokenIsAUsageErrorThatNamesBothWays() throws IOException {
        GitHubOptions.environment = name -> null;
        CliRun r = run("settings", "pull", "acme/app", "--api-url", "http://127.0.0.1:9");
        assertEquals(Main.USAGE, r.code());
        assertTrue(r.err().contains("GITHUB_TOKEN") && r.err().contains("--token-file"), r.err());
        assertTrue(Map.of().isEmpty());
    }
}
