package dev.pipeguard.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pipeguard.model.BranchProtection;
import dev.pipeguard.model.Environment;
import dev.pipeguard.model.RepositorySettings;
import dev.pipeguard.model.Secrets;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a repository's settings into the snapshot model: branch protection from the GraphQL read,
 * environments, secret names and the default workflow permissions from REST. A 403 or 404 makes
 * that setting unknown (null) and adds a note naming the permission that would reveal it.
 */
final class SettingsReader {

    private final GitHubApi api;

    SettingsReader(GitHubApi api) {
        this.api = api;
    }

    /** {@code orgSecrets} is the organisation's secret visibility when already read for an audit, else null. */
    RepositorySettings read(RemoteRepository repo, String extraBranch, OrgSecrets orgSecrets, String visibility,
                            List<String> notes) throws IOException {
        notes.addAll(repo.notes());
        String path = "/repos/" + repo.fullName();
        Map<String, BranchProtection> branches = new LinkedHashMap<>();
        if (repo.defaultBranch() != null) {
            branches.put(repo.defaultBranch(), BranchProtections.effective(repo.defaultBranch(), repo.defaultBranch(),
                    repo.classic(), repo.rulesets()));
        }
        if (extraBranch != null && !branches.containsKey(extraBranch)) {
            branches.put(extraBranch, BranchProtections.effective(extraBranch, repo.defaultBranch(), repo.classic(), repo.rulesets()));
        }
        Map<String, Environment> environments = null;
        Map<String, List<String>> environmentSecrets = null;
        GitHubApi.Response envs = api.getAll(path + "/environments", "environments");
        if (envs.ok()) {
            environments = new LinkedHashMap<>();
            environmentSecrets = new LinkedHashMap<>();
            for (JsonNode e : envs.body()) {
                String name = e.path("name").asText();
                environments.put(name, environment(path, e, notes));
                GitHubApi.Response s = api.getAll(path + "/environments/" + encode(name) + "/secrets", "secrets");
                if (s.ok()) {
                    environmentSecrets.put(name, names(s.body()));
                } else {
                    environmentSecrets = null;
                    notes.add(unknown("environment secrets", s, "admin, or 'secrets: read' for a GitHub App"));
                    break;
                }
            }
        } else {
            notes.add(unknown("environments", envs, "read access to the repository ('actions: read' for a GitHub App)"));
        }
        GitHubApi.Response repoSecrets = api.getAll(path + "/actions/secrets", "secrets");
        List<String> repository = repoSecrets.ok() ? names(repoSecrets.body()) : null;
        if (!repoSecrets.ok()) {
            notes.add(unknown("repository secrets", repoSecrets, "admin, or 'secrets: read' for a GitHub App"));
        }
        List<String> organization;
        if (orgSecrets != null) {
            organization = orgSecrets.visibleTo(repo.fullName(), !"public".equals(visibility));
        } else {
            GitHubApi.Response s = api.getAll(path + "/actions/organization-secrets", "secrets");
            organization = s.ok() ? names(s.body()) : null;
            if (!s.ok()) {
                notes.add(unknown("organization secrets", s, "admin, or 'secrets: read' for a GitHub App"));
            }
        }
        GitHubApi.Response perms = api.get(path + "/actions/permissions/workflow");
        String defaultPermissions = perms.ok() ? perms.body().path("default_workflow_permissions").asText(null) : null;
        if (!perms.ok()) {
            notes.add(unknown("default workflow permissions", perms, "admin, or 'administration: read' for a GitHub App"));
        }
        Secrets secrets = new Secrets(repository, organization, environmentSecrets);
        return new RepositorySettings("github:" + repo.fullName(), repo.fullName(), repo.defaultBranch(), branches,
                environments, secrets, defaultPermissions, visibility);
    }

    private Environment environment(String path, JsonNode e, List<String> notes) throws IOException {
        List<String> reviewers = new ArrayList<>();
        Integer waitTimer = 0;
        Boolean preventSelfReview = false;
        for (JsonNode rule : e.path("protection_rules")) {
            switch (rule.path("type").asText()) {
                case "required_reviewers" -> {
                    preventSelfReview = rule.path("prevent_self_review").asBoolean();
                    for (JsonNode r : rule.path("reviewers")) {
                        JsonNode who = r.path("reviewer");
                        reviewers.add(r.path("type").asText().equals("Team")
                                ? path.split("/")[2] + "/" + who.path("slug").asText() : who.path("login").asText());
                    }
                }
                case "wait_timer" -> waitTimer = rule.path("wait_timer").asInt();
                default -> {
                }
            }
        }
        JsonNode policy = e.path("deployment_branch_policy");
        String branchPolicy = "all";
        List<String> patterns = null;
        if (policy.path("protected_branches").asBoolean()) {
            branchPolicy = "protected";
        } else if (policy.path("custom_branch_policies").asBoolean()) {
            branchPolicy = "custom";
            GitHubApi.Response p = api.getAll(path + "/environments/" + encode(e.path("name").asText())
                    + "/deployment-branch-policies", "branch_policies");
            if (p.ok()) {
                patterns = new ArrayList<>();
                for (JsonNode b : p.body()) {
                    patterns.add(b.path("type").asText("branch").equals("tag") ? "refs/tags/" + b.path("name").asText()
                            : b.path("name").asText());
                }
            } else {
                notes.add(unknown("deployment branch policies of " + e.path("name").asText(), p, "read access to the repository"));
            }
        }
        // NOTE: GitHub needs one approval from any listed reviewer, so the count is 1 whenever reviewers exist.
        return new Environment(List.copyOf(reviewers), reviewers.isEmpty() ? 0 : 1, waitTimer, branchPolicy,
                patterns == null ? null : List.copyOf(patterns), preventSelfReview);
    }

    static String unknown(String what, GitHubApi.Response r, String needs) {
        String why = r.status() == 403 || r.status() == 404 ? "the token cannot read them" : "GitHub answered HTTP " + r.status();
        return what + " are unknown: " + why + (r.message().isEmpty() ? "" : " (\"" + r.message() + "\")") + "; needs " + needs;
    }

    private static List<String> names(JsonNode secrets) {
        List<String> out = new ArrayList<>();
        secrets.forEach(s -> out.add(s.path("name").asText()));
        return out;
    }

    static String encode(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }
}
