package dev.pipeguard.model;

import java.util.List;
import java.util.Map;

/**
 * One event of a workflow's {@code on:}, whatever form it was written in. Filter lists are empty
 * when absent; {@code span} points at the event's name.
 */
public record Trigger(String event, Span span,
                      List<Scalar> branches, List<Scalar> branchesIgnore,
                      List<Scalar> tags, List<Scalar> tagsIgnore,
                      List<Scalar> paths, List<Scalar> pathsIgnore,
                      List<Scalar> types, List<Scalar> workflows, List<Scalar> cron,
                      Map<String, Input> inputs, Map<String, Span> secrets) {

    /** A {@code workflow_call} or {@code workflow_dispatch} input. */
    public record Input(String name, String type, boolean required, Scalar defaultValue, Span span) {
    }
}
