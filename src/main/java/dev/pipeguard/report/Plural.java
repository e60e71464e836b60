package dev.pipeguard.report;

/** A count with its noun in the right number: "1 error", "2 errors", "1 policy", "0 policies". */
public final class Plural {

    private Plural() {
    }

    /** {@code n} followed by {@code one} when n is 1, else by {@code many}. */
    public static String of(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
