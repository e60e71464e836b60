package dev.pipeguard.e2e;

import dev.pipeguard.cli.Main;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every pipeguard command line written in the project's own workflows parses with the CLI as it
 * is, so a renamed option cannot silently break ci.yml, release.yml or org-audit.yml.
 * Shell variables stand in as {@code 1}.
 */
class WorkflowCommandsTest {

    private static final Pattern CALL = Pattern.compile("(?:java -jar pipeguard\\.jar|bin/pipeguard)\\s+([^\\n|&;>]+)");

    @Test
    void everyPipeguardCallInTheWorkflowsParses() throws IOException {
        List<String> calls = new ArrayList<>();
        try (Stream<Path> s = Files.list(Path.of(".github/workflows"))) {
            for (Path f : s.sorted().toList()) {
                Matcher m = CALL.matcher(Files.readString(f));
                while (m.find()) {
                    calls.add(f.getFileName() + ": " + m.group(1).trim());
                }
            }
        }
        assertTrue(calls.size() >= 3, "expected the check, audit and merge calls, found " + calls);
        List<String> broken = new ArrayList<>();
        for (String call : calls) {
            String args = call.substring(call.indexOf(": ") + 2).replaceAll("\\$\\{?[A-Za-z_][A-Za-z0-9_]*}?", "1");
            List<String> words = new ArrayList<>();
            Matcher w = Pattern.compile("\"([^\"]*)\"|'([^']*)'|(\\S+)").matcher(args);
            while (w.find()) {
                words.add(w.group(1) != null ? w.group(1) : w.group(2) != null ? w.group(2) : w.group(3));
            }
            try {
                new CommandLine(new Main()).parseArgs(words.toArray(String[]::new));
            } catch (CommandLine.ParameterException e) {
                broken.add(call + " -> " + e.getMessage());
            }
        }
        assertEquals(List.of(), broken);
    }
}
