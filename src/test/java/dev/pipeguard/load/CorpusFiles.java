package dev.pipeguard.load;

import dev.pipeguard.model.Problem;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The shared corpus's workflow and action files (Dependabot files left out), in a stable order. */
final class CorpusFiles {

    /** {@code ../shared/corpus} from the project root, where every checkout finds it. */
    static final Path ROOT = Path.of("..", "shared", "corpus");

    private CorpusFiles() {
    }

    /** Every workflow or action YAML under {@code repos/} and {@code history/} below {@code root}. */
    static List<Path> list(Path root) throws IOException {
        try (Stream<Path> repos = walk(root.resolve("repos")); Stream<Path> history = walk(root.resolve("history"))) {
            return Stream.concat(repos, history)
                    .filter(Files::isRegularFile)
                    .filter(p -> isYaml(p.getFileName().toString()) && !isDependabot(p.getFileName().toString()))
                    .sorted()
                    .toList();
        }
    }

    private static Stream<Path> walk(Path dir) throws IOException {
        return Files.isDirectory(dir) ? Files.walk(dir) : Stream.empty();
    }

    static boolean isAction(Path p) {
        String name = p.getFileName().toString();
        return name.equals("action.yml") || name.equals("action.yaml");
    }

    private static boolean isYaml(String name) {
        return name.endsWith(".yml") || name.endsWith(".yaml");
    }

    private static boolean isDependabot(String name) {
        return name.equals("dependabot.yml") || name.equals("dependabot.yaml");
    }

    /** Loads one file as GitHub would see it, appending its problems; exceptions propagate. */
    static void load(Path file, String label, List<Problem> problems) throws IOException {
        String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        if (isAction(file)) {
            WorkflowParser.action(label, text, problems);
        } else {
            WorkflowParser.workflow(label, text, problems);
        }
    }
}
