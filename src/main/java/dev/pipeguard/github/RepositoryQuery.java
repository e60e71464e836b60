package dev.pipeguard.github;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads repositories through GraphQL, many in one query: the {@code .github} tree with the text of
 * every file (so workflows and actions cost no request each), classic branch protection rules and
 * rulesets (repository and organisation level). A second query fetches local actions and reusable
 * workflows referenced with {@code ./} outside {@code .github}. Every connection is bounded
 * ({@code first: N}) so GitHub's cost stays near one point for {@link #BATCH} repositories.
 */
final class RepositoryQuery {

    static final int BATCH = 25;
    private static final int TREE_DEPTH = 4;
    private static final Pattern LOCAL_USES = Pattern.compile("(?m)^[\\s-]*uses\\s*:\\s*['\"]?\\./([^\\s'\"#]+)");

    /** Which repository to read, at which ref (null: the default branch). */
    record Target(String owner, String name, String ref) {
        String fullName() {
            return owner + "/" + name;
        }
    }

    private final GitHubApi api;

    RepositoryQuery(GitHubApi api) {
        this.api = api;
    }

    /** Reads every target, {@link #BATCH} a query; a repository GitHub does not know is missing from the map. */
    Map<String, RemoteRepository> read(List<Target> targets) throws IOException {
        Map<String, RemoteRepository> out = new LinkedHashMap<>();
        for (int from = 0; from < targets.size(); from += BATCH) {
            out.putAll(readBatch(targets.subList(from, Math.min(targets.size(), from + BATCH))));
        }
        return out;
    }

    private Map<String, RemoteRepository> readBatch(List<Target> batch) throws IOException {
        StringBuilder q = new StringBuilder("query {\n");
        for (int i = 0; i < batch.size(); i++) {
            Target t = batch.get(i);
            q.append("  r").append(i).append(": repository(owner: ").append(quote(t.owner())).append(", name: ")
                    .append(quote(t.name())).append(") {\n")
                    .append("    nameWithOwner isArchived isFork defaultBranchRef { name target { oid } }\n")
                    .append("    gh: object(expression: ").append(quote(rev(t) + ":.github")).append(") { ").append(tree(TREE_DEPTH)).append(" }\n")
                    .append("    branchProtectionRules(first: 20) { nodes { pattern requiresApprovingReviews requiredApprovingReviewCount"
                            + " dismissesStaleReviews requiresCodeOwnerReviews isAdminEnforced allowsForcePushes allowsDeletions"
                            + " requiresLinearHistory requiresCommitSignatures requiresStatusChecks requiredStatusCheckContexts } }\n")
                    .append("    rulesets(first: 10, includeParents: true) { nodes { name enforcement target source { __typename }"
                            + " conditions { refName { include exclude } } rules(first: 20) { nodes { type parameters { __typename"
                            + " ... on PullRequestParameters { requiredApprovingReviewCount dismissStaleReviewsOnPush requireCodeOwnerReview }"
                            + " ... on RequiredStatusChecksParameters { requiredStatusChecks { context } } } } } } }\n")
                    .append("  }\n");
        }
        q.append("}\n");
        JsonNode answer = api.graphql(q.toString());
        Map<String, Set<String>> errored = errors(answer);
        Map<String, RemoteRepository> out = new LinkedHashMap<>();
        Map<String, Target> byName = new LinkedHashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            String alias = "r" + i;
            JsonNode node = answer.path("data").path(alias);
            if (node.isMissingNode() || node.isNull()) {
                continue;
            }
            Target t = batch.get(i);
            Set<String> failed = errored.getOrDefault(alias, Set.of());
            List<String> notes = new ArrayList<>();
            Map<String, String> files = new LinkedHashMap<>();
            flatten(node.path("gh"), files);
            List<JsonNode> classic = null;
            if (failed.contains("branchProtectionRules")) {
                notes.add("classic branch protection is unknown: the token cannot read it (needs admin on the repository,"
                        + " or 'administration: read' for a GitHub App)");
            } else {
                classic = new ArrayList<>();
                node.path("branchProtectionRules").path("nodes").forEach(classic::add);
            }
            List<RemoteRepository.Ruleset> rulesets = null;
            if (failed.contains("rulesets")) {
                notes.add("rulesets are unknown: the token cannot read them");
            } else {
                rulesets = new ArrayList<>();
                for (JsonNode r : node.path("rulesets").path("nodes")) {
                    if (!r.path("target").asText("BRANCH").equals("BRANCH")) {
                        continue;
                    }
                    List<JsonNode> rules = new ArrayList<>();
                    r.path("rules").path("nodes").forEach(rules::add);
                    rulesets.add(new RemoteRepository.Ruleset(r.path("name").asText(), r.path("enforcement").asText(),
                            r.path("source").path("__typename").asText("Repository"),
                            strings(r.path("conditions").path("refName").path("include")),
                            strings(r.path("conditions").path("refName").path("exclude")), rules));
                }
            }
            JsonNode ref = node.path("defaultBranchRef");
            out.put(t.fullName(), new RemoteRepository(node.path("nameWithOwner").asText(t.fullName()),
                    node.path("isArchived").asBoolean(), node.path("isFork").asBoolean(),
                    ref.path("name").asText(null), ref.path("target").path("oid").asText(null), files, classic, rulesets, notes));
            byName.put(t.fullName(), t);
        }
        fetchLocalReferences(out, byName);
        return out;
    }

    /** Fetches files that {@code uses: ./path} points at outside what was read, a few rounds deep. */
    private void fetchLocalReferences(Map<String, RemoteRepository> repos, Map<String, Target> targets) throws IOException {
        for (int round = 0; round < 3; round++) {
            Map<String, List<String>> wanted = new LinkedHashMap<>();
            for (RemoteRepository r : repos.values()) {
                Set<String> paths = new LinkedHashSet<>();
                for (String text : r.files().values()) {
                    Matcher m = LOCAL_USES.matcher(text);
                    while (m.find()) {
                        String p = normalise(m.group(1));
                        if (p == null) {
                            continue;
                        }
                        if (p.endsWith(".yml") || p.endsWith(".yaml")) {
                            paths.add(p);
                        } else {
                            String prefix = p.isEmpty() ? "" : p + "/";
                            if (!r.files().containsKey(prefix + "action.yml") && !r.files().containsKey(prefix + "action.yaml")) {
                                paths.add(prefix + "action.yml");
                                paths.add(prefix + "action.yaml");
                            }
                        }
                    }
                }
                paths.removeIf(p -> r.files().containsKey(p) || p.startsWith(".github/"));
                if (!paths.isEmpty()) {
                    wanted.put(r.fullName(), new ArrayList<>(paths));
                }
            }
            if (wanted.isEmpty()) {
                return;
            }
            StringBuilder q = new StringBuilder("query {\n");
            List<String> names = new ArrayList<>(wanted.keySet());
            for (int i = 0; i < names.size(); i++) {
                Target t = targets.get(names.get(i));
                q.append("  r").append(i).append(": repository(owner: ").append(quote(t.owner())).append(", name: ")
                        .append(quote(t.name())).append(") {\n");
                List<String> paths = wanted.get(names.get(i));
                for (int f = 0; f < paths.size(); f++) {
                    q.append("    f").append(f).append(": object(expression: ").append(quote(rev(t) + ":" + paths.get(f)))
                            .append(") { ... on Blob { text isBinary } }\n");
                }
                q.append("  }\n");
            }
            q.append("}\n");
            JsonNode answer = api.graphql(q.toString());
            for (int i = 0; i < names.size(); i++) {
                RemoteRepository r = repos.get(names.get(i));
                List<String> paths = wanted.get(names.get(i));
                JsonNode node = answer.path("data").path("r" + i);
                Map<String, String> files = new LinkedHashMap<>(r.files());
                for (int f = 0; f < paths.size(); f++) {
                    JsonNode blob = node.path("f" + f);
                    // NOTE: an absent file is remembered as absent (null is not allowed in the map), so it is asked for once.
                    files.put(paths.get(f), blob.hasNonNull("text") && !blob.path("isBinary").asBoolean() ? blob.path("text").asText() : "\u0000");
                }
                repos.put(r.fullName(), new RemoteRepository(r.fullName(), r.archived(), r.fork(), r.defaultBranch(), r.headOid(),
                        files, r.classic(), r.rulesets(), r.notes()));
            }
        }
    }

    private static String rev(Target t) {
        return t.ref() == null ? "HEAD" : t.ref();
    }

    private static String tree(int depth) {
        String blob = "... on Blob { text isBinary }";
        if (depth == 0) {
            return "... on Tree { entries { path type object { " + blob + " } } }";
        }
        return "... on Tree { entries { path type object { " + blob + " " + tree(depth - 1) + " } } }";
    }

    private static void flatten(JsonNode tree, Map<String, String> files) {
        for (JsonNode e : tree.path("entries")) {
            JsonNode object = e.path("object");
            if (e.path("type").asText().equals("tree")) {
                flatten(object, files);
            } else if (object.hasNonNull("text") && !object.path("isBinary").asBoolean()) {
                files.put(e.path("path").asText(), object.path("text").asText());
            }
        }
    }

    /** GraphQL errors by repository alias: the first field under it that failed (or "" for the repository itself). */
    private static Map<String, Set<String>> errors(JsonNode answer) {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        for (JsonNode e : answer.path("errors")) {
            JsonNode path = e.path("path");
            if (path.size() >= 1) {
                out.computeIfAbsent(path.get(0).asText(), k -> new LinkedHashSet<>()).add(path.size() > 1 ? path.get(1).asText() : "");
            }
        }
        return out;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static String normalise(String path) {
        java.util.Deque<String> parts = new java.util.ArrayDeque<>();
        for (String p : path.split("/")) {
            if (p.isEmpty() || p.equals(".")) {
                continue;
            }
            if (p.equals("..")) {
                if (parts.isEmpty()) {
                    return null;
                }
                parts.removeLast();
            } else {
                parts.addLast(p);
            }
        }
        return String.join("/", parts);
    }

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
