package dev.pipeguard.load;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;

/** Turns YAML 1.2 core-schema numbers into the text GitHub's JavaScript parser reads them as. */
final class CoreScalars {

    private CoreScalars() {
    }

    /** The decimal text of a core-schema integer ({@code 0o17}, {@code 0x1F}, {@code +5}). */
    static String intText(String text) {
        String t = text.replace("_", "");
        try {
            if (t.startsWith("0o")) {
                return new BigInteger(t.substring(2), 8).toString();
            }
            if (t.startsWith("0x")) {
                return new BigInteger(t.substring(2), 16).toString();
            }
            return new BigInteger(t.startsWith("+") ? t.substring(1) : t).toString();
        } catch (NumberFormatException e) {
            return text;
        }
    }

    /** The text a JavaScript runtime (GitHub's parser) prints for a core-schema float. */
    static String floatText(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        if (t.endsWith(".inf")) {
            return t.startsWith("-") ? "-Infinity" : "Infinity";
        }
        if (t.endsWith(".nan")) {
            return "NaN";
        }
        try {
            BigDecimal d = new BigDecimal(t.startsWith("+") ? t.substring(1) : t);
            double v = d.doubleValue();
            if (v == Math.rint(v) && Math.abs(v) < 1e21) {
                return new BigDecimal(v).toBigInteger().toString();
            }
            String s = Double.toString(v);
            return s.contains("E") ? s.replace("E", "e+").replace("e+-", "e-") : s;
        } catch (NumberFormatException e) {
            return text;
        }
    }
}
