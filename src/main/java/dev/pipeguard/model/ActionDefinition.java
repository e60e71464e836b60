package dev.pipeguard.model;

import java.util.List;
import java.util.Map;

/** A local action's {@code action.yml}: {@code using} is composite, node20, docker ...; steps only for composite. */
public record ActionDefinition(String path, Scalar name, Scalar using, Map<String, Trigger.Input> inputs,
                               List<Step> steps, Span span) {
}
