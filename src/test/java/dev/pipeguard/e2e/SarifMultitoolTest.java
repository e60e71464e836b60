package dev.pipeguard.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pipeguard.engine.Engine;
import dev.pipeguard.report.sarif.SarifReporter;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Microsoft's SARIF validator (npm {@code @microsoft/sarif-multitool}, rule kinds {@code Ghas;Sarif})
 * reports no error and no warning on the bundled example's SARIF. Runs where the validator is
 * installed ({@code $SARIF_MULTITOOL}, or /tmp/peers as {@code ../shared/tools/setup-peers.sh} puts it).
 */
class SarifMultitoolTest {

    @TempDir
    Path tmp;

    @Test
    void multitoolFindsNoErrorOrWarningOnTheBundledExample() throws IOException, InterruptedException {
        Path tool = Path.of(System.getenv().getOrDefault("SARIF_MULTITOOL",
                "/tmp/peers/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"));
        Assumptions.assumeTrue(Files.isExecutable(tool), "sarif-multitool not installed at " + tool
                + " (run ../shared/tools/setup-peers.sh)");
        Path example = Path.of("examples/reference-app");
        Path sarif = tmp.resolve("example.sarif");
        new SarifReporter(sarif, "pipeguard").write(Checks.check(example, example.resolve("repository-settings.yml"),
                Engine.BUILT_IN_PACKS));
        Path out = tmp.resolve("validation.sarif");
        Process p = new ProcessBuilder(tool.toString(), "validate", "--rule-kind", "Ghas;Sarif", "--level", "Error;Warning",
                sarif.toString(), "-o", out.toString(), "--log", "ForceOverwrite").redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "validator timed out");
        JsonNode results = new ObjectMapper().readTree(out.toFile()).at("/runs/0/results");
        List<String> problems = new ArrayList<>();
        results.forEach(r -> problems.add(r.path("level").asText() + " " + r.path("ruleId").asText() + " "
                + r.at("/message/arguments")));
        assertEquals(List.of(), problems, log);
    }
}
