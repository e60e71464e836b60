package dev.pipeguard.github;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pipeguard.model.BranchProtection;
import dev.pipeguard.model.Environment;
import dev.pipeguard.model.RepositorySettings;

import java.util.List;
import java.util.Map;

/** Writes {@link RepositorySettings} in the snapshot format of schemas/repository-settings.schema.json; unknown fields are left out. */
public final class SettingsSnapshot {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SettingsSnapshot() {
    }

    public static String json(RepositorySettings s) {
        ObjectNode root = JSON.createObjectNode();
        put(root, "repository", s.repository());
        put(root, "default_branch", s.defaultBranch());
        if (s.branches() != null) {
            ObjectNode branches = root.putObject("branches");
            for (Map.Entry<String, BranchProtection> e : s.branches().entrySet()) {
                BranchProtection b = e.getValue();
                ObjectNode n = branches.putObject(e.getKey());
                put(n, "protected", b.isProtected());
                put(n, "source", b.source());
                put(n, "required_status_checks", b.requiredStatusChecks());
                put(n, "required_approving_review_count", b.requiredApprovingReviewCount());
                put(n, "dismiss_stale_reviews", b.dismissStaleReviews());
                put(n, "require_code_owner_reviews", b.requireCodeOwnerReviews());
                put(n, "enforce_admins", b.enforceAdmins());
                put(n, "allow_force_pushes", b.allowForcePushes());
                put(n, "allow_deletions", b.allowDeletions());
                put(n, "required_linear_history", b.requiredLinearHistory());
                put(n, "required_signatures", b.requiredSignatures());
            }
        }
        if (s.environments() != null) {
            ObjectNode envs = root.putObject("environments");
            for (Map.Entry<String, Environment> e : s.environments().entrySet()) {
                Environment env = e.getValue();
                ObjectNode n = envs.putObject(e.getKey());
                put(n, "required_reviewers", env.requiredReviewers());
                put(n, "required_reviewer_count", env.requiredReviewerCount());
                put(n, "wait_timer", env.waitTimer());
                put(n, "deployment_branch_policy", env.deploymentBranchPolicy());
                put(n, "deployment_branch_patterns", env.deploymentBranchPatterns());
                put(n, "prevent_self_review", env.preventSelfReview());
            }
        }
        if (s.secrets() != null) {
            ObjectNode secrets = root.putObject("secrets");
            put(secrets, "repository", s.secrets().repository());
            put(secrets, "organization", s.secrets().organization());
            if (s.secrets().environments() != null) {
                ObjectNode envs = secrets.putObject("environments");
                s.secrets().environments().forEach((k, v) -> put(envs, k, v));
            }
        }
        put(root, "default_workflow_permissions", s.defaultWorkflowPermissions());
        put(root, "visibility", s.visibility());
        try {
            return JSON.writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void put(ObjectNode n, String key, Object value) {
        if (value == null) {
            return;
        }
        if (value instanceof List<?> l) {
            var a = n.putArray(key);
            l.forEach(x -> a.add(String.valueOf(x)));
        } else if (value instanceof Boolean b) {
            n.put(key, b);
        } else if (value instanceof Integer i) {
            n.put(key, i);
        } else {
            n.put(key, value.toString());
        }
    }
}
