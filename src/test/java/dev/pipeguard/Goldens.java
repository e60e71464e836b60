package dev.pipeguard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Golden files for every data-driven test: compare output with the file beside the fixture, or
 * rewrite the file when run with {@code -Dgolden.update=true} (then review the diff by hand).
 */
public final class Goldens {

    public static final boolean UPDATE = Boolean.getBoolean("golden.update");

    private Goldens() {
    }

    /** {@code actual} must equal the golden file's text exactly (carriage returns too: some goldens test them). */
    public static void assertMatches(Path golden, String actual) throws IOException {
        if (UPDATE) {
            Files.createDirectories(golden.toAbsolutePath().getParent());
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
            return;
        }
        requireExists(golden, actual);
        assertEquals(Files.readString(golden, StandardCharsets.UTF_8), actual, differs(golden));
    }

    /** {@code actual} must equal the golden file's lines. */
    public static void assertMatches(Path golden, List<String> actual) throws IOException {
        if (UPDATE) {
            Files.createDirectories(golden.toAbsolutePath().getParent());
            Files.write(golden, actual, StandardCharsets.UTF_8);
            return;
        }
        requireExists(golden, String.join("\n", actual));
        assertEquals(Files.readAllLines(golden, StandardCharsets.UTF_8), actual, differs(golden));
    }

    private static void requireExists(Path golden, String actual) {
        if (!Files.isRegularFile(golden)) {
            fail("no golden " + golden + " (run with -Dgolden.update=true); this fixture gives:\n" + actual);
        }
    }

    private static String differs(Path golden) {
        return golden + " differs; if the change is intended, rerun with -Dgolden.update=true and review the diff";
    }
}
