package dev.pipeguard.model;

import java.util.List;

/**
 * A deployment environment's protection rules. {@code deploymentBranchPolicy} is {@code all},
 * {@code protected} or {@code custom} (then {@code deploymentBranchPatterns} lists the patterns: one
 * starting {@code refs/tags/} matches tag names, any other branch names). Null means unknown.
 */
public record Environment(List<String> requiredReviewers, Integer requiredReviewerCount, Integer waitTimer,
                          String deploymentBranchPolicy, List<String> deploymentBranchPatterns,
                          Boolean preventSelfReview) {
}
