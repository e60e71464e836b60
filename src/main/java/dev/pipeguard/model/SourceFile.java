package dev.pipeguard.model;

import java.util.List;

/**
 * A repository file's text as read (BOM removed, line endings kept in {@code text}); {@code lines}
 * has no terminators. Reporters quote lines from here; suppressions are read from here.
 */
public record SourceFile(String path, String text, List<String> lines) {

    public static SourceFile of(String path, String text) {
        return new SourceFile(path, text, text.lines().toList());
    }

    /** The 1-based line, or an empty string past the end. */
    public String line(int number) {
        return number >= 1 && number <= lines.size() ? lines.get(number - 1) : "";
    }
}
