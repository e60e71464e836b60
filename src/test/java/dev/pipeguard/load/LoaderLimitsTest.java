package dev.pipeguard.load;

import dev.pipeguard.model.Problem;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hostile inputs too big to keep as fixtures: each ends in one located problem, fast, never a throw. */
class LoaderLimitsTest {

    private static List<Problem> load(String text) {
        List<Problem> problems = new ArrayList<>();
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> WorkflowParser.workflow("w.yml", text, problems));
        return problems;
    }

    @Test
    void millionOpenBracketsStopAtTheLimit() {
        List<Problem> problems = load("on: push\nx: " + "[".repeat(1_000_000));
        assertEquals(1, problems.size(), problems.toString());
        // The root mapping is level 1, so the 256th bracket is one level too many.
        assertEquals("w.yml:2:" + (3 + YamlReader.MAX_DEPTH) + "-2:" + (4 + YamlReader.MAX_DEPTH),
                problems.get(0).span().toString());
    }

    @Test
    void deepBlockMappingsStopAtTheLimit() {
        StringBuilder yaml = new StringBuilder("on: push\n");
        for (int i = 0; i < 600; i++) {
            yaml.append(" ".repeat(i)).append("k").append(i).append(":\n");
        }
        List<Problem> problems = load(yaml.toString());
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).message().startsWith("YAML nesting deeper than"), problems.toString());
        // Line 1 opens the root mapping (level 1); line n >= 3 opens level n - 1.
        assertEquals(YamlReader.MAX_DEPTH + 2, problems.get(0).span().start().line());
    }

    @Test
    void aliasBombOfThirtyLevelsStopsAtAnAlias() {
        StringBuilder yaml = new StringBuilder("a0: &a0 [x, x]\n");
        for (int i = 1; i < 30; i++) {
            yaml.append("a").append(i).append(": &a").append(i).append(" [*a").append(i - 1)
                    .append(", *a").append(i - 1).append("]\n");
        }
        List<Problem> problems = load(yaml.toString());
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).message().contains("aliases repeated too often"), problems.toString());
        assertTrue(problems.get(0).span().start().line() < 30, problems.toString());
    }

    @Test
    void recursiveAliasIsAProblem() {
        List<Problem> problems = load("on: push\njobs: &j\n  a: *j\n");
        assertEquals(1, problems.size(), problems.toString());
        assertEquals(3, problems.get(0).span().start().line(), problems.toString());
    }
}
