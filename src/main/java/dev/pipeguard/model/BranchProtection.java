package dev.pipeguard.model;

import java.util.List;

/**
 * The effective protection of one branch. A null field is unknown (the source could not see it),
 * never "off". {@code source} is {@code classic}, {@code ruleset}, {@code both} or {@code none}.
 */
public record BranchProtection(Boolean isProtected, String source,
                               List<String> requiredStatusChecks, Integer requiredApprovingReviewCount,
                               Boolean dismissStaleReviews, Boolean requireCodeOwnerReviews,
                               Boolean enforceAdmins, Boolean allowForcePushes, Boolean allowDeletions,
                               Boolean requiredLinearHistory, Boolean requiredSignatures) {
}
