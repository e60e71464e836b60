package dev.pipeguard.github;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An organisation's Actions secrets and which repositories see each (visibility {@code all},
 * {@code private} or {@code selected}), read once for a whole audit instead of once a repository.
 */
final class OrgSecrets {

    private final Map<String, String> visibility = new LinkedHashMap<>();
    private final Map<String, Set<String>> selected = new LinkedHashMap<>();

    /** Null when the token cannot read them (then each repository asks for its own). */
    static OrgSecrets read(GitHubApi api, String org) throws IOException {
        GitHubApi.Response r = api.getAll("/orgs/" + org + "/actions/secrets", "secrets");
        if (!r.ok()) {
            return null;
        }
        OrgSecrets out = new OrgSecrets();
        for (JsonNode s : r.body()) {
            String name = s.path("name").asText();
            String visibility = s.path("visibility").asText("all");
            out.visibility.put(name, visibility);
            if (visibility.equals("selected")) {
                GitHubApi.Response repos = api.getAll("/orgs/" + org + "/actions/secrets/" + name + "/repositories", "repositories");
                if (!repos.ok()) {
                    return null;
                }
                Set<String> names = new java.util.HashSet<>();
                repos.body().forEach(x -> names.add(x.path("full_name").asText()));
                out.selected.put(name, names);
            }
        }
        return out;
    }

    List<String> visibleTo(String fullName, boolean isPrivate) {
        List<String> out = new ArrayList<>();
        visibility.forEach((name, v) -> {
            if (v.equals("all") || (v.equals("private") && isPrivate)
                    || (v.equals("selected") && selected.getOrDefault(name, Set.of()).contains(fullName))) {
                out.add(name);
            }
        });
        return out;
    }
}
