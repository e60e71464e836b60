package dev.pipeguard.load;

import dev.pipeguard.Goldens;
import dev.pipeguard.model.Problem;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Loads every settings snapshot under {@code src/test/resources/settings/} and compares its
 * problems ({@code file:L:C: message}) and loaded facts with the golden {@code .expected} file
 * beside it, so a new case is two new files and no Java. Facts are written one a line, with file
 * (snake_case) names, and {@code unknown} for a null. Run with {@code -Dgolden.update=true} to
 * rewrite the goldens, then read the diff before committing.
 */
class SettingsGoldenTest {

    private static final Path ROOT = Path.of("src/test/resources/settings");

    @TestFactory
    Stream<DynamicTest> fixtures() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(ROOT)) {
            files = s.filter(p -> p.toString().matches(".*\\.(ya?ml|json)$")).sorted().toList();
        }
        assertFalse(files.isEmpty(), "no fixtures under " + ROOT.toAbsolutePath());
        return files.stream().map(f -> DynamicTest.dynamicTest(ROOT.relativize(f).toString(), f.toUri(), () -> check(f)));
    }

    private static void check(Path fixture) throws IOException {
        String actual = render(fixture);
        String name = fixture.getFileName().toString();
        Path golden = fixture.resolveSibling(name.substring(0, name.lastIndexOf('.')) + ".expected");
        Goldens.assertMatches(golden, actual);
    }

    /** The golden text: problems, then the loaded settings' facts. */
    static String render(Path fixture) {
        List<Problem> problems = new ArrayList<>();
        StringBuilder out = new StringBuilder();
        String facts = SettingsLoader.load(fixture, fixture.getFileName().toString(), problems)
                .map(s -> dump(s, 0)).orElse("");
        problems.forEach(p -> out.append(p).append('\n'));
        return out.append(facts).toString();
    }

    /** A record's components one a line, nested records and maps indented below their name. */
    static String dump(Record r, int depth) {
        StringBuilder out = new StringBuilder();
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            Object v = value(r, c);
            String name = snake(c.getName());
            if (v instanceof Record nested) {
                out.append(indent(depth)).append(name).append('\n').append(dump(nested, depth + 1));
            } else if (v instanceof Map<?, ?> map) {
                out.append(indent(depth)).append(name).append('\n');
                map.forEach((k, e) -> {
                    if (e instanceof Record nested) {
                        out.append(indent(depth + 1)).append(k).append('\n').append(dump(nested, depth + 2));
                    } else {
                        out.append(indent(depth + 1)).append(k).append(' ').append(text(e)).append('\n');
                    }
                });
            } else {
                out.append(indent(depth)).append(name).append(' ').append(text(v)).append('\n');
            }
        }
        return out.toString();
    }

    private static String text(Object v) {
        if (v == null) {
            return "unknown";
        }
        if (v instanceof List<?> list) {
            return list.stream().map(e -> "'" + e + "'").collect(Collectors.joining(", ", "[", "]"));
        }
        return v.toString();
    }

    private static Object value(Record r, RecordComponent c) {
        try {
            return c.getAccessor().invoke(r);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code requiredStatusChecks} -> {@code required_status_checks}; {@code isProtected} -> {@code protected}. */
    private static String snake(String camel) {
        String s = camel.startsWith("is") && camel.length() > 2 && Character.isUpperCase(camel.charAt(2))
                ? Character.toLowerCase(camel.charAt(2)) + camel.substring(3) : camel;
        return s.replaceAll("([A-Z])", "_$1").toLowerCase(java.util.Locale.ROOT);
    }

    private static String indent(int depth) {
        return "  ".repeat(depth);
    }
}
