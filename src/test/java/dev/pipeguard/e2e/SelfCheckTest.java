package dev.pipeguard.e2e;

import dev.pipeguard.engine.Catalogue;
import dev.pipeguard.engine.Config;
import dev.pipeguard.engine.Engine;
import dev.pipeguard.engine.RepositoryLoader;
import dev.pipeguard.engine.RunResult;
import dev.pipeguard.load.WorkflowParser;
import dev.pipeguard.model.Problem;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * pipeguard's own repository is its first example: its workflows and action.yml give zero
 * findings with every built-in pack (and its own config), and actionlint accepts the workflows.
 */
class SelfCheckTest {

    private static final Path ROOT = Path.of(".");

    @Test
    void ownRepositoryHasNoFindings() throws IOException {
        List<Problem> problems = new ArrayList<>();
        Config config = Config.load(ROOT.resolve(".github/pipeguard.yml"), ".github/pipeguard.yml", problems);
        assertEquals(List.of(), problems);
        assertTrue(config.packs().containsAll(dev.pipeguard.engine.Engine.BUILT_IN_PACKS.stream()
                .filter(p -> !p.equals(dev.pipeguard.engine.Engine.CONTROLS_PACK)).toList()),
                "every built-in pack runs on pipeguard itself (controls always runs)");
        RunResult result = new Engine(Catalogue.load(List.of()).rules(), config).run(RepositoryLoader.local(ROOT, null));
        assertTrue(result.repository().workflows().size() >= 3, "ci, release and org-audit workflows are loaded");
        assertEquals("", String.join("\n", Checks.golden(result).stream()
                .filter(l -> !l.startsWith("not_evaluated")).toList()));
    }

    @Test
    void actionMetadataLoadsWithoutProblems() throws IOException {
        List<Problem> problems = new ArrayList<>();
        assertTrue(WorkflowParser.action("action.yml", Files.readString(ROOT.resolve("action.yml")), problems).isPresent());
        assertEquals(List.of(), problems);
    }

    /**
     * actionlint (the Go tool) on every workflow: taken from PATH, $ACTIONLINT, ~/go/bin, or run
     * through {@code go run} from the Go module proxy; skipped only when none of those exists.
     */
    @Test
    void actionlintAcceptsTheWorkflows() throws IOException, InterruptedException {
        List<String> command = actionlint();
        Assumptions.assumeTrue(command != null, "neither actionlint nor go is installed");
        try (Stream<Path> s = Files.list(ROOT.resolve(".github/workflows"))) {
            s.filter(p -> p.toString().endsWith(".yml")).sorted().forEach(p -> command.add(p.toString()));
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(300, TimeUnit.SECONDS), "actionlint timed out");
        assertEquals(0, process.exitValue(), output);
    }

    private static List<String> actionlint() {
        List<String> candidates = new ArrayList<>();
        if (System.getenv("ACTIONLINT") != null) {
            candidates.add(System.getenv("ACTIONLINT"));
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            candidates.add(dir + "/actionlint");
        }
        candidates.add(System.getProperty("user.home") + "/go/bin/actionlint");
        for (String c : candidates) {
            if (Files.isExecutable(Path.of(c))) {
                return new ArrayList<>(List.of(c, "-no-color"));
            }
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "go"))) {
                return new ArrayList<>(List.of(dir + "/go", "run", "github.com/rhysd/actionlint/cmd/actionlint@v1.7.12", "-no-color"));
            }
        }
        return null;
    }
}
