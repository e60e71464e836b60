package dev.pipeguard.policy;

import dev.pipeguard.Goldens;
import dev.pipeguard.model.Problem;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Broken policy files are reported at their own {@code file:line:col}, one folder a case:
 * {@code src/test/resources/policy-errors/<case>/policy.yml} beside {@code expected.txt}
 * ({@code span: message} lines). Run with {@code -Dgolden.update=true} to rewrite them.
 */
class PolicyErrorsTest {

    private static final Path ROOT = Path.of("src/test/resources/policy-errors");

    @TestFactory
    Stream<DynamicTest> everyBrokenPolicyIsLocated() throws IOException {
        List<Path> cases;
        try (Stream<Path> s = Files.list(ROOT)) {
            cases = s.filter(Files::isDirectory).sorted().toList();
        }
        return cases.stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
            PolicyLoader.Result result = PolicyLoader.load(dir, dir.getFileName().toString(), "test");
            assertTrue(result.policies().isEmpty(), "a broken policy must not load");
            List<String> actual = result.problems().stream().map(PolicyErrorsTest::line).toList();
            Path expected = dir.resolve("expected.txt");
            Goldens.assertMatches(expected, actual);
        }));
    }

    private static String line(Problem p) {
        return p.span() + ": " + p.message();
    }
}
