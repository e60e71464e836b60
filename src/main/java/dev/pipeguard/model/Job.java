package dev.pipeguard.model;

import java.util.List;
import java.util.Map;

/**
 * One job of a workflow. A reusable-workflow call has {@code uses}, {@code with} and
 * {@code secrets} (with {@code secretsInherit} for {@code secrets: inherit}) and no steps.
 * {@code span} covers the job's id key; {@code body} covers its whole mapping. {@code containers}
 * lists the job's container and its services, with their credentials.
 */
public record Job(String id, Span span, Span body, Scalar name, List<Scalar> needs, Scalar ifCondition,
                  List<Scalar> runsOn, EnvironmentRef environment, Permissions permissions,
                  Scalar concurrency, Matrix matrix, Scalar failFast, Scalar timeoutMinutes, Scalar continueOnError,
                  ActionRef uses, Map<String, Scalar> with, Map<String, Scalar> secrets, Span secretsInherit,
                  Map<String, Scalar> env, Scalar container, List<Step> steps,
                  List<Container> containers) {
}
