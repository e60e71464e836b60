package dev.pipeguard.cli;

import dev.pipeguard.engine.Catalogue;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The generated docs ({@code docs/cli.md}, {@code docs/rules/*.md}) match what
 * {@link DocsGenerator} writes for every rule in the catalogue today, so a new rule, a changed
 * title or a new option cannot land without its page; the hand-written pages exist.
 */
class DocsUpToDateTest {

    private static final Path DOCS = Path.of("docs");

    @Test
    void generatedDocsAreCurrent() throws IOException {
        Catalogue catalogue = Catalogue.load(List.of());
        assertEquals(List.of(), catalogue.problems().stream().map(Object::toString).toList(),
                "the catalogue has problems, so its docs cannot be generated");
        Map<Path, String> expected = DocsGenerator.generate(catalogue);
        List<String> stale = new ArrayList<>();
        for (Map.Entry<Path, String> e : expected.entrySet()) {
            Path file = DOCS.resolve(e.getKey());
            if (!Files.isRegularFile(file)) {
                stale.add(file + " (missing)");
            } else if (!Files.readString(file, StandardCharsets.UTF_8).equals(e.getValue())) {
                stale.add(file + " (differs)");
            }
        }
        DocsGenerator.staleRulePages(DOCS, expected).forEach(p -> stale.add(DOCS.resolve(p) + " (no such rule any more)"));
        assertEquals(List.of(), stale, "generated docs are stale; regenerate them with\n  " + DocsGenerator.COMMAND
                + "\nand commit the result");
    }

    @Test
    void everyRuleHasAPageAndAnIndexEntry() {
        Catalogue catalogue = Catalogue.load(List.of());
        String index = DocsGenerator.generate(catalogue).get(Path.of("rules", "README.md"));
        catalogue.rules().forEach(r -> assertTrue(index.contains("(" + r.info().id() + ".md)"), r.info().id()));
    }

    @Test
    void handWrittenPagesExistAndLinkToGeneratedOnes() throws IOException {
        String start = Files.readString(DOCS.resolve("getting-started.md"), StandardCharsets.UTF_8);
        assertTrue(start.contains("(cli.md)") && start.contains("(rules/README.md)"),
                "getting-started.md should point to the CLI reference and the rule index");
        assertTrue(start.contains("## Configure"), "rule pages link to getting-started.md#configure");
    }
}
