package dev.pipeguard.cli;

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

    @AfterEach
    void noTokenAnywhere() throws IOException {
        for (String o : outputs) {
            assertFalse(o.contains(dev.pipeguard.github.FakeAccess.TOKEN), "token printed");
        }
        try (Stream<Path> s = Files.walk(tmp)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                if (!p.getFileName().toString().equals("token")) {
                    assertFalse(Files.readString(p, StandardCharsets.ISO_8859_1).contains(dev.pipeguard.github.FakeAccess.TOKEN),
                            "token written to " + p);
                }
            }
        }
        GitHubOptions.environment = System::getenv;
    }

    record Run(int code, String out, String err) {
    }

    private Run run(String... args) throws IOException {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.run(args);
            Run r = new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
            outputs.add(r.out);
            outputs.add(r.err);
            return r;
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    private Path tokenFile() throws IOException {
        Path f = tmp.resolve("token");
        Files.writeString(f, dev.pipeguard.github.FakeAccess.TOKEN + "\n");
        return f;
    }

    @Test
    void checkRepoReadsThroughTheApiAndWritesSarif() throws IOException {
        try (var fake = dev.pipeguard.github.FakeAccess.acme()) {
            Path sarif = tmp.resolve("out.sarif");
            Run r = run("check", "--repo", "acme/locked", "--api-url", fake.url(), "--token-file", tokenFile().toString(),
                    "--sarif", sarif.toString(), "--no-step-summary");
            assertTrue(r.code == 0 || r.code == 1, r.err);
            assertTrue(Files.readString(sarif).contains("\"version\" : \"2.1.0\""));
            assertTrue(r.err.contains("classic branch protection is unknown"), r.err);
        }
    }

    @Test
    void settingsPullWritesASnapshotTheLoaderAccepts() throws IOException {
        try (var fake = dev.pipeguard.github.FakeAccess.acme()) {
            GitHubOptions.environment = name -> name.equals("GITHUB_TOKEN") ? dev.pipeguard.github.FakeAccess.TOKEN : null;
            Run r = run("settings", "pull", "acme/rules", "--api-url", fake.url());
            assertEquals(0, r.code, r.err);
            Path file = tmp.resolve("settings.json");
            Files.writeString(file, r.out);
            List<dev.pipeguard.model.Problem> problems = new ArrayList<>();
            var settings = dev.pipeguard.load.SettingsLoader.load(file, "settings.json", problems).orElseThrow();
            assertEquals(List.of(), problems);
            assertEquals(true, settings.branches().get("main").isProtected());
            assertEquals("ruleset", settings.branches().get("main").source());
        }
    }

    @Test
    void uploadWhoseProcessingFailsSaysWhy() throws IOException {
        try (var fake = dev.pipeguard.github.FakeAccess.acme()) {
            Path sarif = tmp.resolve("x.sarif");
            Files.writeString(sarif, "{\"version\":\"2.1.0\",\"runs\":[{\"tool\":{\"driver\":{\"name\":\"pipeguard\"}},\"results\":[]}]}");
            dev.pipeguard.github.FakeAccess.failProcessing(fake, "locationFromSarifResult: expected artifact location");
            Run r = run("upload", "--repo", "acme/app", "--sarif", sarif.toString(), "--commit-sha", "a".repeat(40),
                    "--ref", "refs/heads/main", "--api-url", fake.url(), "--token-file", tokenFile().toString());
            assertEquals(Main.USAGE, r.code, r.err);
            assertTrue(r.err.contains("could not process") && r.err.contains("expected artifact location"), r.err);
            assertEquals(1, dev.pipeguard.github.FakeAccess.uploads(fake).size());
            assertEquals("refs/heads/main", dev.pipeguard.github.FakeAccess.uploads(fake).get(0).get("ref"));
        }
    }

    @Test
    void uploadRefusedForPermissionExplainsItself() throws IOException {
        try (var fake = dev.pipeguard.github.FakeAccess.acme()) {
            Path sarif = tmp.resolve("x.sarif");
            Files.writeString(sarif, "{\"version\":\"2.1.0\",\"runs\":[]}");
            dev.pipeguard.github.FakeAccess.refuseUploads(fake, 403, "Advanced Security must be enabled for this repository to use code scanning.");
            Run r = run("upload", "--repo", "acme/app", "--sarif", sarif.toString(), "--commit-sha", "a".repeat(40),
                    "--ref", "main", "--api-url", fake.url(), "--token-file", tokenFile().toString());
            assertEquals(Main.USAGE, r.code);
            assertTrue(r.err.contains("Advanced Security is not enabled for this private repository"), r.err);
            dev.pipeguard.github.FakeAccess.refuseUploads(fake, 403, "Resource not accessible by integration");
            r = run("upload", "--repo", "acme/app", "--sarif", sarif.toString(), "--commit-sha", "a".repeat(40),
                    "--ref", "main", "--api-url", fake.url(), "--token-file", tokenFile().toString());
            assertTrue(r.err.contains("security-events: write"), r.err);
        }
    }

    @Test
    void noTokenIsAUsageErrorThatNamesBothWays() throws IOException {
        GitHubOptions.environment = name -> null;
        Run r = run("settings", "pull", "acme/app", "--api-url", "http://127.0.0.1:9");
        assertEquals(Main.USAGE, r.code);
        assertTrue(r.err.contains("GITHUB_TOKEN") && r.err.contains("--token-file"), r.err);
        assertTrue(Map.of().isEmpty());
    }
}
