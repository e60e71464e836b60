package dev.pipeguard.model;

import java.util.List;
import java.util.Map;

/**
 * A job's {@code strategy.matrix}. {@code axes} keeps every written value with its span;
 * {@code combinations} is the expanded list after exclude and include, as GitHub computes it, and
 * {@code values} the distinct values of each key over those combinations. When any part is an
 * expression the expansion cannot be known and {@code dynamic} is true.
 */
public record Matrix(Map<String, List<Scalar>> axes,
                     List<Map<String, Scalar>> include, List<Map<String, Scalar>> exclude,
                     List<Map<String, String>> combinations, Map<String, List<String>> values,
                     boolean dynamic, Span span) {
}
