package dev.pipeguard.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pipeguard.model.BranchProtection;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Combines classic branch protection rules and rulesets into the effective protection of one
 * branch, the strictest of all that apply. Only {@code ACTIVE} rulesets protect: {@code EVALUATE}
 * ones merely report and {@code DISABLED} ones do nothing. A source the token could not see
 * (null) leaves what it might add unknown, but never hides protection another source proves.
 */
final class BranchProtections {

    private BranchProtections() {
    }

    static BranchProtection effective(String branch, String defaultBranch, List<JsonNode> classic,
                                      List<RemoteRepository.Ruleset> rulesets) {
        List<JsonNode> classicRules = classic == null ? List.of()
                : classic.stream().filter(r -> glob(r.path("pattern").asText()).matcher(branch).matches()).toList();
        List<JsonNode> rules = new ArrayList<>();
        if (rulesets != null) {
            for (RemoteRepository.Ruleset r : rulesets) {
                if (r.enforcement().equals("ACTIVE") && applies(r, branch, defaultBranch)) {
                    rules.addAll(r.rules());
                }
            }
        }
        boolean byClassic = !classicRules.isEmpty();
        boolean byRuleset = !rules.isEmpty();
        boolean allKnown = classic != null && rulesets != null;
        if (!byClassic && !byRuleset) {
            return allKnown ? new BranchProtection(false, "none", List.of(), 0, false, false, false, true, true, false, false)
                    : new BranchProtection(null, null, null, null, null, null, null, null, null, null, null);
        }
        Set<String> checks = new LinkedHashSet<>();
        int reviews = 0;
        boolean dismiss = false;
        boolean owners = false;
        boolean forcePush = true;
        boolean deletion = true;
        boolean linear = false;
        boolean signatures = false;
        Boolean enforceAdmins = null;
        for (JsonNode c : classicRules) {
            if (c.path("requiresStatusChecks").asBoolean()) {
                c.path("requiredStatusCheckContexts").forEach(n -> checks.add(n.asText()));
            }
            if (c.path("requiresApprovingReviews").asBoolean()) {
                reviews = Math.max(reviews, c.path("requiredApprovingReviewCount").asInt());
                dismiss |= c.path("dismissesStaleReviews").asBoolean();
                owners |= c.path("requiresCodeOwnerReviews").asBoolean();
            }
            forcePush &= c.path("allowsForcePushes").asBoolean();
            deletion &= c.path("allowsDeletions").asBoolean();
            linear |= c.path("requiresLinearHistory").asBoolean();
            signatures |= c.path("requiresCommitSignatures").asBoolean();
            enforceAdmins = (enforceAdmins != null && enforceAdmins) || c.path("isAdminEnforced").asBoolean();
        }
        for (JsonNode r : rules) {
            JsonNode p = r.path("parameters");
            switch (r.path("type").asText()) {
                case "PULL_REQUEST" -> {
                    reviews = Math.max(reviews, p.path("requiredApprovingReviewCount").asInt());
                    dismiss |= p.path("dismissStaleReviewsOnPush").asBoolean();
                    owners |= p.path("requireCodeOwnerReview").asBoolean();
                }
                case "REQUIRED_STATUS_CHECKS" -> p.path("requiredStatusChecks").forEach(n -> checks.add(n.path("context").asText()));
                case "NON_FAST_FORWARD" -> forcePush = false;
                case "DELETION" -> deletion = false;
                case "REQUIRED_LINEAR_HISTORY" -> linear = true;
                case "REQUIRED_SIGNATURES" -> signatures = true;
                default -> {
                }
            }
        }
        String source = byClassic && byRuleset ? "both" : byClassic ? "classic" : "ruleset";
        if (!allKnown) {
            // NOTE: an unseen source may add requirements; report what is proven, and leave "off"s unknown.
            return new BranchProtection(true, null, null, reviews > 0 ? reviews : null, dismiss ? true : null,
                    owners ? true : null, enforceAdmins != null && enforceAdmins ? true : null, forcePush ? null : false,
                    deletion ? null : false, linear ? true : null, signatures ? true : null);
        }
        return new BranchProtection(true, source, List.copyOf(checks), reviews, dismiss, owners, enforceAdmins,
                forcePush, deletion, linear, signatures);
    }

    /** Whether a ruleset's ref_name condition selects {@code branch} (~DEFAULT_BRANCH, ~ALL, fnmatch patterns on refs/heads/...). */
    static boolean applies(RemoteRepository.Ruleset r, String branch, String defaultBranch) {
        return matchesAny(r.include(), branch, defaultBranch) && !matchesAny(r.exclude(), branch, defaultBranch);
    }

    private static boolean matchesAny(List<String> patterns, String branch, String defaultBranch) {
        for (String p : patterns) {
            if (p.equals("~ALL") || (p.equals("~DEFAULT_BRANCH") && branch.equals(defaultBranch))) {
                return true;
            }
            String ref = "refs/heads/" + branch;
            if (glob(p).matcher(ref).matches() || glob(p).matcher(branch).matches()) {
                return true;
            }
        }
        return false;
    }

    /** fnmatch as GitHub uses it for branch patterns: {@code *} stays within a path segment, {@code **} crosses them. */
    static Pattern glob(String pattern) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '*' && i + 1 < pattern.length() && pattern.charAt(i + 1) == '*') {
                re.append(".*");
                i++;
            } else if (c == '*') {
                re.append("[^/]*");
            } else if (c == '?') {
                re.append("[^/]");
            } else if (c == '[') {
                int close = pattern.indexOf(']', i);
                if (close < 0) {
                    re.append("\\[");
                } else {
                    re.append('[').append(pattern, i + 1, close).append(']');
                    i = close;
                }
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString());
    }
}
