package dev.pipeguard.e2e;

import dev.pipeguard.Goldens;
import dev.pipeguard.engine.RunResult;
import dev.pipeguard.report.sarif.SarifReporter;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every historical version of the reference project's workflows, checked with the reference
 * pipeline pack and the bundled settings snapshot, against a hand-checked golden file
 * ({@code src/test/resources/seed-history/NN-sha.expected}); each SARIF written is schema-valid.
 * Run with {@code -Dgolden.update=true} to rewrite the goldens, then review the diff by hand.
 */
class SeedHistoryTest {

    private static final Path GOLDEN = Path.of("src/test/resources/seed-history");
    private static final Path SETTINGS = Path.of("examples/reference-app/repository-settings.yml");

    @TestFactory
    Stream<DynamicTest> everySnapshotMatchesItsGolden() throws IOException {
        Path seeds = Checks.CORPUS.resolve("seed-history");
        if (!Files.isDirectory(seeds)) {
            // NOTE: an assumption failing in the factory itself is not reported by Surefire; one
            // skipped dynamic test carries the message where the test report shows it.
            String why = "../shared/corpus/seed-history not found (see README): seed-history tests skipped (looked in "
                    + seeds.toAbsolutePath().normalize() + ")";
            return Stream.of(DynamicTest.dynamicTest("seed history", () -> Assumptions.abort(why)));
        }
        List<Path> snapshots;
        try (Stream<Path> s = Files.list(seeds)) {
            snapshots = s.filter(Files::isDirectory).sorted().toList();
        }
        assertEquals(15, snapshots.size(), "the seed history has 15 snapshots");
        return snapshots.stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
            RunResult result = Checks.check(dir, SETTINGS, java.util.Set.of("reference-pipeline"));
            List<String> actual = Checks.golden(result);
            Path golden = GOLDEN.resolve(dir.getFileName() + ".expected");
            Goldens.assertMatches(golden, actual);
            Path sarif = Path.of("target", "test-sarif", dir.getFileName() + ".sarif");
            new SarifReporter(sarif, "pipeguard").write(result);
            assertEquals("[]", Checks.sarifErrors(sarif).toString(), "SARIF schema errors in " + sarif);
        }));
    }
}
