package dev.pipeguard.cli;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** "Did you mean" for a mistyped name: the closest known name within a small edit distance. */
final class Suggestions {

    private Suggestions() {
    }

    /** The closest of {@code known} to {@code typed}, if at most a third of its letters differ. */
    static Optional<String> closest(String typed, Collection<String> known) {
        return known.stream()
                .filter(k -> distance(typed, k) <= Math.max(2, typed.length() / 3))
                .min(Comparator.comparingInt((String k) -> distance(typed, k)).thenComparing(k -> k));
    }

    /** {@code " (did you mean 'x'?)"}, or an empty string. */
    static String didYouMean(String typed, Collection<String> known) {
        return closest(typed, known).map(k -> " (did you mean '" + k + "'?)").orElse("");
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
