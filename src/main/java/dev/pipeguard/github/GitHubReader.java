package dev.pipeguard.github;

import dev.pipeguard.model.Repository;
import dev.pipeguard.model.RepositorySettings;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Reads one repository through the API: files at a ref and its settings, with notes on what stayed unknown. */
public final class GitHubReader {

    /**
     * The repository as the engine sees it, the commit read, why some settings are unknown, and the text of
     * its own {@code .github/pipeguard.yml} (or {@code .yaml}) at that commit, null when it has none.
     */
    public record Read(Repository repository, String fullName, String defaultBranch, String headOid, List<String> notes,
                       String config) {
    }

    private final GitHubApi api;

    public GitHubReader(GitHubApi api) {
        this.api = api;
    }

    /** {@code ref} null reads the default branch. Throws with a readable message when the repository is not visible. */
    public Read read(String fullName, String ref) throws IOException {
        String[] parts = split(fullName);
        var repo = api.kohsuke().getRepository(fullName);
        RemoteRepository remote = new RepositoryQuery(api).read(List.of(new RepositoryQuery.Target(parts[0], parts[1], ref)))
                .get(fullName);
        if (remote == null) {
            throw new GitHubApi.GitHubException("repository " + fullName + " not found, or the token cannot see it");
        }
        return read(remote, ref, null, visibility(repo));
    }

    Read read(RemoteRepository remote, String ref, OrgSecrets orgSecrets, String visibility) throws IOException {
        List<String> notes = new ArrayList<>();
        String branch = ref == null ? null : ref.replaceFirst("^refs/heads/", "");
        RepositorySettings settings = new SettingsReader(api).read(remote, branch, orgSecrets, visibility, notes);
        Repository repository = new GitHubRepositorySource(remote, settings).load();
        String config = remote.files().getOrDefault(".github/pipeguard.yml", remote.files().get(".github/pipeguard.yaml"));
        return new Read(repository, remote.fullName(), remote.defaultBranch(), remote.headOid(), notes,
                config == null || config.equals("\u0000") ? null : config);
    }

    /** Only the settings, for {@code settings pull}. */
    public RepositorySettings settings(String fullName, List<String> notes) throws IOException {
        String[] parts = split(fullName);
        var repo = api.kohsuke().getRepository(fullName);
        RemoteRepository remote = new RepositoryQuery(api).read(List.of(new RepositoryQuery.Target(parts[0], parts[1], null)))
                .get(fullName);
        if (remote == null) {
            throw new GitHubApi.GitHubException("repository " + fullName + " not found, or the token cannot see it");
        }
        return new SettingsReader(api).read(remote, null, null, visibility(repo), notes);
    }

    static String visibility(org.kohsuke.github.GHRepository repo) {
        var v = repo.getVisibility();
        return v == null || v == org.kohsuke.github.GHRepository.Visibility.UNKNOWN ? (repo.isPrivate() ? "private" : "public")
                : v.name().toLowerCase(java.util.Locale.ROOT);
    }

    static String[] split(String fullName) {
        String[] parts = fullName.split("/");
        if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw new IllegalArgumentException("expected OWNER/NAME, not '" + fullName + "'");
        }
        return parts;
    }
}
