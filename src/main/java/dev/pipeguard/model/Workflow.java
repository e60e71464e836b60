package dev.pipeguard.model;

import java.util.List;
import java.util.Map;

/**
 * A workflow file as policies see it. {@code onSpan} covers the {@code on:} key (or the file start
 * when missing); {@code span} covers the whole document.
 */
public record Workflow(String path, Scalar name, Span onSpan, List<Trigger> triggers,
                       Permissions permissions, Map<String, Scalar> env, Scalar concurrency,
                       List<Job> jobs, Span span) {

    public boolean hasTrigger(String event) {
        return triggers.stream().anyMatch(t -> t.event().equals(event));
    }
}
