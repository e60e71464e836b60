package dev.pipeguard.policy;

import dev.cel.runtime.CelEvaluationException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * A message with {@code {{ expression }}} holes, each a CEL expression compiled once; lists print
 * comma-separated and whole doubles without a fraction.
 */
final class Template {

    private final List<Object> parts;

    private Template(List<Object> parts) {
        this.parts = parts;
    }

    /** Compiles every hole; {@code offsetOf} reports the character offset of a failing hole. */
    static Template compile(String text) throws Cel.CompileError {
        List<Object> parts = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int open = text.indexOf("{{", i);
            if (open < 0) {
                parts.add(text.substring(i));
                break;
            }
            int close = text.indexOf("}}", open + 2);
            if (close < 0) {
                throw new Cel.CompileError("'{{' without a closing '}}'", 1, open + 1);
            }
            parts.add(text.substring(i, open));
            String expr = text.substring(open + 2, close);
            try {
                parts.add(Cel.compile(expr.trim()));
            } catch (Cel.CompileError e) {
                throw new Cel.CompileError(e.getMessage(), 1, open + 3 + e.column - 1);
            }
            i = close + 2;
        }
        return new Template(List.copyOf(parts));
    }

    String render(Map<String, Object> variables) throws CelEvaluationException {
        StringBuilder out = new StringBuilder();
        for (Object part : parts) {
            if (part instanceof Cel.Program p) {
                out.append(text(p.eval(variables)));
            } else {
                out.append(part);
            }
        }
        return out.toString();
    }

    static String text(Object value) {
        if (value instanceof Collection<?> c) {
            List<String> items = new ArrayList<>();
            c.forEach(v -> items.add(text(v)));
            return String.join(", ", items);
        }
        if (value instanceof Map<?, ?> m && m.containsKey("value")) {
            return text(m.get("value"));
        }
        if (value instanceof Double d && d == Math.rint(d) && !d.isInfinite()) {
            return Long.toString(d.longValue());
        }
        return String.valueOf(value);
    }
}
