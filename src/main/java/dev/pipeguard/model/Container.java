package dev.pipeguard.model;

import java.util.Map;

/**
 * A container a job starts: its own {@code container:} (name {@code container}) or one of its
 * {@code services:} (name = the service id). {@code username} and {@code password} are the
 * registry {@code credentials:}, null when absent; {@code span} covers the container's key.
 */
public record Container(String name, Scalar image, Scalar username, Scalar password,
                        Map<String, Scalar> env, Span span) {
}
