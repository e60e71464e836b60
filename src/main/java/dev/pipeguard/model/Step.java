package dev.pipeguard.model;

import java.util.Map;

/** One step of a job or composite action; {@code index} counts from 0 in its list. */
public record Step(int index, Scalar id, Scalar name, ActionRef uses, Scalar run, Scalar shell,
                   Scalar ifCondition, Scalar workingDirectory, Scalar continueOnError, Scalar timeoutMinutes,
                   Map<String, Scalar> with, Map<String, Scalar> env, Span span) {
}
