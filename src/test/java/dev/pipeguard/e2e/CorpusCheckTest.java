package dev.pipeguard.e2e;

import dev.pipeguard.engine.RunResult;
import dev.pipeguard.model.Notice;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole shared corpus through {@code check} with every built-in policy: each repository of
 * {@code repos/} and each snapshot of {@code history/} (a folder holding {@code .github/}). Input
 * errors are expected (real files GitHub would reject); an internal error or a policy that cannot
 * evaluate is a bug.
 */
class CorpusCheckTest {

    @Test
    void everyCorpusRepositoryChecksWithoutInternalErrors() throws IOException {
        Path corpus = Checks.CORPUS;
        Assumptions.assumeTrue(Files.isDirectory(corpus.resolve("repos")), "../shared/corpus/repos not found (see README):"
                + " corpus tests skipped (looked in " + corpus.resolve("repos").toAbsolutePath().normalize() + ")");
        List<Path> roots = new ArrayList<>();
        try (Stream<Path> s = Files.list(corpus.resolve("repos"))) {
            s.filter(Files::isDirectory).sorted().forEach(roots::add);
        }
        if (Files.isDirectory(corpus.resolve("history"))) {
            try (Stream<Path> s = Files.list(corpus.resolve("history"))) {
                for (Path repo : s.filter(Files::isDirectory).sorted().toList()) {
                    try (Stream<Path> snaps = Files.list(repo)) {
                        snaps.filter(Files::isDirectory).sorted().forEach(roots::add);
                    }
                }
            }
        }
        List<String> bugs = new ArrayList<>();
        int workflows = 0;
        int inputErrors = 0;
        int filesWithErrors = 0;
        int findings = 0;
        for (Path root : roots) {
            RunResult result;
            try {
                result = Checks.check(root, null);
            } catch (RuntimeException | StackOverflowError e) {
                bugs.add(root + ": " + e);
                continue;
            }
            workflows += result.repository().workflows().size();
            findings += result.findings().size();
            List<Notice> errors = result.notices().stream().filter(n -> n.kind() == Notice.Kind.INPUT_ERROR).toList();
            inputErrors += errors.size();
            filesWithErrors += (int) errors.stream().map(n -> n.span().file()).distinct().count();
            result.notices().stream().filter(n -> n.kind() == Notice.Kind.RULE_ERROR)
                    .forEach(n -> bugs.add(root + ": [" + n.ruleId() + "] " + n.message()));
        }
        System.out.printf("corpus: %d repositories/snapshots, %d workflows, %d findings, %d input errors in %d files%n",
                roots.size(), workflows, findings, inputErrors, filesWithErrors);
        assertTrue(roots.size() > 100, "expected the whole corpus, found " + roots.size());
        assertEquals("", String.join("\n", bugs.subList(0, Math.min(bugs.size(), 30))),
                bugs.size() + " internal or policy errors");
    }
}
