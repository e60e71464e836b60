package dev.pipeguard.e2e;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The action's script refuses a {@code format} input other than text and github before it runs anything. */
class ActionScriptTest {

    private static final Path SCRIPT = Path.of(".github/action/run.sh");

    @ParameterizedTest
    @ValueSource(strings = {"json", "text,markdown", "junit=reports/pipeguard.xml", "sarif"})
    void formatsThatCannotShareTheLogAreRefused(String format) throws IOException, InterruptedException {
        Assumptions.assumeTrue(onPath("bash"), "bash is not installed");
        ProcessBuilder pb = new ProcessBuilder("bash", SCRIPT.toString(), "check").redirectErrorStream(true);
        pb.environment().put("INPUT_FORMAT", format);
        pb.environment().put("INPUT_PATH", "examples/reference-app");
        pb.environment().put("PIPEGUARD_JAR", "no-such.jar");
        pb.environment().put("RUNNER_TEMP", Files.createTempDirectory("pipeguard-action").toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(2, p.waitFor(), out);
        assertTrue(out.startsWith("::error title=pipeguard::the 'format' input takes text, github or text,github, not '"), out);
        assertTrue(!out.contains("no-such.jar"), "nothing runs after the refusal: " + out);
    }

    private static boolean onPath(String command) {
        return List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)).stream()
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }
}
