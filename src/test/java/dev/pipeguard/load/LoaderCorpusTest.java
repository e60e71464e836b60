package dev.pipeguard.load;

import dev.pipeguard.model.Problem;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Loads every workflow and action of the shared corpus (about 5,300 real files) and fails on any
 * exception: problems with a file are expected, an internal error never is.
 */
class LoaderCorpusTest {

    @Test
    void everyCorpusFileLoadsWithoutAnInternalError() throws Exception {
        assumeTrue(Files.isDirectory(CorpusFiles.ROOT),
                "../shared/corpus not found (see README): corpus tests skipped (looked in "
                        + CorpusFiles.ROOT.toAbsolutePath().normalize() + ")");
        List<Path> files = CorpusFiles.list(CorpusFiles.ROOT);
        List<String> crashes = new ArrayList<>();
        int withProblems = 0;
        int problemCount = 0;
        long start = System.nanoTime();
        for (Path file : files) {
            String label = CorpusFiles.ROOT.relativize(file).toString().replace('\\', '/');
            List<Problem> problems = new ArrayList<>();
            try {
                CorpusFiles.load(file, label, problems);
            } catch (Exception | StackOverflowError e) {
                crashes.add(label + ": " + e);
            }
            if (!problems.isEmpty()) {
                withProblems++;
                problemCount += problems.size();
            }
        }
        System.out.printf("corpus: %d files loaded in %d ms, %d with problems (%d problems), %d internal errors%n",
                files.size(), (System.nanoTime() - start) / 1_000_000, withProblems, problemCount, crashes.size());
        assertTrue(files.size() > 1000, "expected the whole corpus, found " + files.size() + " files");
        assertTrue(crashes.isEmpty(), String.join("\n", crashes));
    }
}
