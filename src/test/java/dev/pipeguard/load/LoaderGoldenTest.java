package dev.pipeguard.load;

import dev.pipeguard.Goldens;
import dev.pipeguard.model.Problem;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeout;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Loads every fixture under {@code src/test/resources/load/} and compares its problems and model
 * facts with the golden {@code .expected} file beside it, so a new case is two new files and no Java.
 *
 * <p>A fixture named {@code *.action.yml} is read as an action, any other as a workflow. A
 * {@code # dump: triggers matrix} comment narrows the facts written to those sections (default:
 * all of {@link ModelDump#SECTIONS}). Problems come first, as {@code name.yml:L:C-L:C: message}.
 * Run with {@code -Dgolden.update=true} to rewrite the goldens, then read the diff before committing.
 */
class LoaderGoldenTest {

    private static final Path ROOT = Path.of("src/test/resources/load");
    private static final Pattern DUMP = Pattern.compile("(?m)^\\s*#\\s*dump:([^\\r\\n]*)");

    @TestFactory
    Stream<DynamicTest> fixtures() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(ROOT)) {
            files = s.filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertFalse(files.isEmpty(), "no fixtures under " + ROOT.toAbsolutePath());
        return files.stream().map(f -> DynamicTest.dynamicTest(ROOT.relativize(f).toString(), f.toUri(), () -> check(f)));
    }

    private static void check(Path fixture) throws IOException {
        String text = new String(Files.readAllBytes(fixture), StandardCharsets.UTF_8);
        String actual = assertTimeout(Duration.ofSeconds(5), () -> render(fixture.getFileName().toString(), text),
                "loading must stay fast even for hostile input");
        String name = fixture.getFileName().toString();
        Path golden = fixture.resolveSibling(name.substring(0, name.lastIndexOf('.')) + ".expected");
        Goldens.assertMatches(golden, actual);
    }

    /** The golden text: problems, then the selected model facts. */
    static String render(String name, String text) {
        List<Problem> problems = new ArrayList<>();
        Set<String> sections = sections(text);
        String facts;
        if (name.endsWith(".action.yml") || name.endsWith(".action.yaml")) {
            facts = WorkflowParser.action(name, text, problems).map(a -> ModelDump.action(a, sections)).orElse("");
        } else {
            facts = WorkflowParser.workflow(name, text, problems).map(w -> ModelDump.workflow(w, sections)).orElse("");
        }
        StringBuilder out = new StringBuilder();
        for (Problem p : problems) {
            out.append(p.span()).append(": ").append(p.message()).append('\n');
        }
        return out.append(facts).toString();
    }

    private static Set<String> sections(String text) {
        Matcher m = DUMP.matcher(text);
        if (!m.find()) {
            return new LinkedHashSet<>(ModelDump.SECTIONS);
        }
        Set<String> chosen = new LinkedHashSet<>(List.of(m.group(1).trim().split("[\\s,]+")));
        chosen.removeIf(String::isEmpty);
        for (String s : chosen) {
            if (!ModelDump.SECTIONS.contains(s)) {
                fail("unknown dump section '" + s + "'; known: " + ModelDump.SECTIONS);
            }
        }
        return chosen;
    }
}
