package dev.pipeguard.load;

import dev.pipeguard.model.Matrix;
import dev.pipeguard.model.Problem;
import dev.pipeguard.model.Scalar;
import dev.pipeguard.model.Span;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code strategy.matrix} and expands it the way GitHub does: the cartesian product of the
 * axes, minus every combination an {@code exclude} entry matches, then each {@code include} entry
 * merged into every combination whose original values it does not change, or added on its own
 * when it matches none. Values are compared as GitHub reads them ({@code 3.10} is {@code 3.1}).
 */
final class MatrixExpander {

    /** Beyond this many combinations GitHub refuses the job anyway (its limit is 256). */
    private static final int MAX_COMBINATIONS = 4096;

    private final String file;
    private final List<Problem> problems;

    MatrixExpander(String file, List<Problem> problems) {
        this.file = file;
        this.problems = problems;
    }

    Matrix matrix(YamlNode.Entry entry) {
        Span span = entry.span();
        if (entry.value() instanceof YamlNode.Str s) {
            if (!s.scalar().isExpression()) {
                problems.add(new Problem(s.span(), "'matrix' must be a mapping or an expression"));
            }
            return new Matrix(Map.of(), List.of(), List.of(), List.of(), Map.of(), true, span);
        }
        if (!(entry.value() instanceof YamlNode.Map m)) {
            problems.add(new Problem(entry.value().span(), "'matrix' must be a mapping"));
            return new Matrix(Map.of(), List.of(), List.of(), List.of(), Map.of(), true, span);
        }
        boolean dynamic = false;
        Map<String, List<Scalar>> axes = new LinkedHashMap<>();
        List<Map<String, Scalar>> include = List.of();
        List<Map<String, Scalar>> exclude = List.of();
        for (YamlNode.Entry e : m.entries()) {
            switch (e.name()) {
                case "include" -> include = rows(e.value());
                case "exclude" -> exclude = rows(e.value());
                default -> {
                    if (e.value() instanceof YamlNode.Seq seq) {
                        List<Scalar> values = new ArrayList<>();
                        for (YamlNode item : seq.items()) {
                            values.add(flatten(item));
                        }
                        axes.put(e.name(), List.copyOf(values));
                    } else if (e.value() instanceof YamlNode.Str s && s.scalar().isExpression()) {
                        dynamic = true;
                    } else {
                        problems.add(new Problem(e.value().span(), "matrix key '" + e.name() + "' must be a list of values"));
                    }
                }
            }
        }
        if (isExpression(entry.value(), "include") || isExpression(entry.value(), "exclude")) {
            dynamic = true;
        }
        List<Map<String, String>> combos = dynamic ? List.of() : expand(axes, include, exclude);
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (Map<String, String> combo : combos) {
            combo.forEach((k, v) -> values.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
        }
        values.replaceAll((k, v) -> List.copyOf(new LinkedHashSet<>(v)));
        return new Matrix(axes, include, exclude, combos, values, dynamic, span);
    }

    private static boolean isExpression(YamlNode matrix, String key) {
        return matrix instanceof YamlNode.Map m && m.get(key) instanceof YamlNode.Str s && s.scalar().isExpression();
    }

    private List<Map<String, Scalar>> rows(YamlNode node) {
        List<Map<String, Scalar>> rows = new ArrayList<>();
        if (node instanceof YamlNode.Seq seq) {
            for (YamlNode item : seq.items()) {
                if (item instanceof YamlNode.Map row) {
                    Map<String, Scalar> r = new LinkedHashMap<>();
                    for (YamlNode.Entry e : row.entries()) {
                        r.put(e.name(), flatten(e.value()));
                    }
                    rows.add(r);
                } else if (!(item instanceof YamlNode.Str s && s.scalar().isExpression())) {
                    problems.add(new Problem(item.span(), "each include/exclude entry must be a mapping"));
                }
            }
        } else if (!(node instanceof YamlNode.Str s && s.scalar().isExpression())) {
            problems.add(new Problem(node.span(), "include/exclude must be a list of mappings"));
        }
        return List.copyOf(rows);
    }

    /** A matrix value; a mapping or list value is kept as its source text, compared as such. */
    private Scalar flatten(YamlNode node) {
        if (node instanceof YamlNode.Str s) {
            return s.scalar();
        }
        return new Scalar(node.kind() + "@" + node.span(), node.kind(), node.kind().equals("mapping") ? "map" : "seq",
                "block", node.span());
    }

    private List<Map<String, String>> expand(Map<String, List<Scalar>> axes,
                                             List<Map<String, Scalar>> include, List<Map<String, Scalar>> exclude) {
        List<Map<String, String>> combos = new ArrayList<>();
        if (!axes.isEmpty()) {
            combos.add(new LinkedHashMap<>());
            for (Map.Entry<String, List<Scalar>> axis : axes.entrySet()) {
                List<Map<String, String>> next = new ArrayList<>();
                for (Map<String, String> c : combos) {
                    for (Scalar v : axis.getValue()) {
                        Map<String, String> n = new LinkedHashMap<>(c);
                        n.put(axis.getKey(), v.value());
                        next.add(n);
                        if (next.size() > MAX_COMBINATIONS) {
                            return List.of();
                        }
                    }
                }
                combos = next;
            }
        }
        for (Map<String, Scalar> ex : exclude) {
            combos.removeIf(c -> ex.entrySet().stream()
                    .allMatch(e -> e.getValue().value().equals(c.get(e.getKey()))));
        }
        int original = combos.size();
        List<Map<String, String>> added = new ArrayList<>();
        for (Map<String, Scalar> inc : include) {
            boolean merged = false;
            for (int i = 0; i < original; i++) {
                Map<String, String> c = combos.get(i);
                boolean compatible = inc.entrySet().stream().allMatch(e ->
                        !axes.containsKey(e.getKey()) || e.getValue().value().equals(c.get(e.getKey())));
                if (compatible) {
                    inc.forEach((k, v) -> c.put(k, v.value()));
                    merged = true;
                }
            }
            if (!merged) {
                Map<String, String> n = new LinkedHashMap<>();
                inc.forEach((k, v) -> n.put(k, v.value()));
                added.add(n);
            }
        }
        combos.addAll(added);
        List<Map<String, String>> out = new ArrayList<>();
        combos.forEach(c -> out.add(java.util.Collections.unmodifiableMap(c)));
        return List.copyOf(out);
    }
}
