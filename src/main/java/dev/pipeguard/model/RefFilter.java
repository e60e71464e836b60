package dev.pipeguard.model;

import java.util.List;
import java.util.regex.Pattern;

/**
 * GitHub's branch, tag and path filter patterns: {@code *} matches within one path segment,
 * {@code **} across segments, {@code ?} and {@code +} repeat the preceding character, {@code [...]}
 * is a class, and a leading {@code !} excludes what earlier patterns included (the last match wins).
 */
public final class RefFilter {

    private RefFilter() {
    }

    /**
     * Whether an event for {@code name} passes the filters: with {@code include} patterns the last
     * matching one decides ({@code !} excludes); with {@code ignore} patterns any match excludes;
     * with neither everything passes.
     */
    public static boolean passes(List<String> include, List<String> ignore, String name) {
        if (!include.isEmpty()) {
            boolean in = false;
            for (String p : include) {
                if (p.startsWith("!")) {
                    if (glob(p.substring(1), name)) {
                        in = false;
                    }
                } else if (glob(p, name)) {
                    in = true;
                }
            }
            return in;
        }
        for (String p : ignore) {
            if (!p.startsWith("!") && glob(p, name)) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code text} matches one filter pattern (without a leading {@code !}). */
    public static boolean glob(String pattern, String text) {
        return Pattern.compile(toRegex(pattern)).matcher(text).matches();
    }

    static String toRegex(String pattern) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            switch (c) {
                case '*' -> {
                    if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '*') {
                        re.append(".*");
                        i++;
                    } else {
                        re.append("[^/]*");
                    }
                }
                case '?' -> re.append('?');
                case '+' -> re.append('+');
                case '[' -> {
                    int end = pattern.indexOf(']', i + 1);
                    if (end < 0) {
                        re.append("\\[");
                    } else {
                        re.append('[').append(pattern, i + 1, end).append(']');
                        i = end;
                    }
                }
                case '\\' -> {
                    if (i + 1 < pattern.length()) {
                        re.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
                    }
                }
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return re.toString();
    }
}
