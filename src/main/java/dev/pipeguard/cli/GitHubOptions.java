package dev.pipeguard.cli;

import dev.pipeguard.github.GitHubApi;
import dev.pipeguard.github.GitHubApp;
import dev.pipeguard.github.GitHubReader;
import dev.pipeguard.github.SarifUpload;
import dev.pipeguard.model.Repository;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * The options that point a command at GitHub: which repository and ref, which API, where the
 * token comes from ({@code GITHUB_TOKEN} or {@code --token-file}, never the command line; or a
 * GitHub App's id and private key file), and whether to upload the SARIF afterwards. Neither the
 * token nor the key is ever printed.
 */
final class GitHubOptions {

    /** Where environment variables come from; tests replace it. */
    static UnaryOperator<String> environment = System::getenv;

    @Option(names = "--repo", paramLabel = "OWNER/NAME", description = "Read the repository through the GitHub API instead of a checkout.")
    String repo;

    @Option(names = "--ref", paramLabel = "REF", description = "Branch, tag or commit to read with --repo (default: the default branch).")
    String ref;

    @Option(names = "--api-url", paramLabel = "URL", description = "GitHub API URL (default: $GITHUB_API_URL, else https://api.github.com; GHES: https://HOST/api/v3).")
    String apiUrl;

    @Option(names = "--token-file", paramLabel = "FILE", description = "File holding the token (default: $GITHUB_TOKEN).")
    Path tokenFile;

    @Option(names = "--app-id", paramLabel = "ID",
            description = "Authenticate as this GitHub App (with --app-key-file) instead of with a token.")
    String appId;

    @Option(names = "--app-key-file", paramLabel = "FILE", description = "The GitHub App's private key (the .pem file GitHub hands out).")
    Path appKeyFile;

    @Option(names = "--installation-id", paramLabel = "ID",
            description = "The app's installation to use (default: the one on the repository, organisation or user being read).")
    Long installationId;

    @Option(names = "--upload", description = "Upload the SARIF to code scanning after the check (needs security-events: write).")
    boolean upload;

    @Option(names = "--commit-sha", paramLabel = "SHA", description = "Commit the SARIF describes (default: $GITHUB_SHA, else the commit read).")
    String commitSha;

    private GitHubReader.Read read;
    /** One app a command, so reading and uploading share its installation token. */
    private GitHubApp app;

    boolean remote() {
        return repo != null;
    }

    /** A client for the repository this command reads ({@code --repo}); a GitHub App finds its installation there. */
    GitHubApi api(PrintStream log, Path cacheDir, int concurrency) {
        return api(log, cacheDir, concurrency, repo == null ? null : GitHubApp.Target.repository(repo));
    }

    /** A client authenticated by the token, or by the GitHub App's installation on {@code target} when no id is given. */
    GitHubApi api(PrintStream log, Path cacheDir, int concurrency, GitHubApp.Target target) {
        String url = apiUrl != null ? apiUrl : environment.apply("GITHUB_API_URL");
        url = url == null ? GitHubApi.DEFAULT_URL : url;
        java.util.function.Consumer<String> logger = m -> log.println("pipeguard: " + m);
        try {
            if (appId == null && appKeyFile == null) {
                return GitHubApi.connect(url, token(), cacheDir, concurrency, logger);
            }
            if (appId == null || appKeyFile == null) {
                throw new Main.UsageError("a GitHub App needs both --app-id and --app-key-file");
            }
            if (tokenFile != null) {
                throw new Main.UsageError("pass either --token-file or --app-id and --app-key-file, not both");
            }
            if (installationId == null && target == null) {
                throw new Main.UsageError("--installation-id is needed: there is no repository or account to find the app's installation on");
            }
            if (app == null) {
                app = new GitHubApp(appId, appKeyFile, installationId, target);
            }
            return GitHubApi.connect(url, app, cacheDir, concurrency, logger);
        } catch (IllegalArgumentException e) {
            throw new Main.UsageError(e.getMessage());
        } catch (IOException e) {
            throw new Main.UsageError("cannot connect to GitHub: " + e.getMessage());
        }
    }

    String token() {
        if (tokenFile != null) {
            try {
                String t = Files.readString(tokenFile).strip();
                if (t.isEmpty()) {
                    throw new Main.UsageError("token file is empty: " + tokenFile);
                }
                return t;
            } catch (IOException e) {
                throw new Main.UsageError("cannot read token file " + tokenFile + ": " + e.getClass().getSimpleName());
            }
        }
        String t = environment.apply("GITHUB_TOKEN");
        if (t == null || t.isBlank()) {
            throw new Main.UsageError("no token: set GITHUB_TOKEN or pass --token-file FILE (never the token itself)");
        }
        return t.strip();
    }

    /** Reads the repository through the API, printing why any setting stayed unknown. */
    Repository load() {
        GitHubApi api = api(System.err, null, 4);
        try {
            read = new GitHubReader(api).read(repo, ref);
        } catch (IllegalArgumentException e) {
            throw new Main.UsageError("--repo: " + e.getMessage());
        } catch (IOException e) {
            throw new Main.UsageError(e.getMessage());
        }
        read.notes().forEach(n -> System.err.println("pipeguard: " + read.fullName() + ": " + n));
        return read.repository();
    }

    /** The text of the repository's own {@code .github/pipeguard.yml} read by {@link #load()}, null when it has none. */
    String remoteConfig() {
        return read == null ? null : read.config();
    }

    /** Uploads {@code sarif} for the repository read by {@link #load()}; returns false (after saying why) on failure. */
    boolean upload(Path sarif, PrintStream err) {
        if (sarif == null) {
            throw new Main.UsageError("--upload sends the SARIF file, so it cannot be used with --no-sarif");
        }
        String sha = commitSha != null ? commitSha : environment.apply("GITHUB_SHA");
        if (sha == null && read != null) {
            sha = read.headOid();
        }
        String gitRef = ref != null ? (ref.startsWith("refs/") ? ref : "refs/heads/" + ref)
                : environment.apply("GITHUB_REF") != null ? environment.apply("GITHUB_REF")
                : read != null && read.defaultBranch() != null ? "refs/heads/" + read.defaultBranch() : null;
        if (repo == null || sha == null || gitRef == null) {
            throw new Main.UsageError("upload needs --repo, and --commit-sha and --ref when they cannot be read from GitHub");
        }
        GitHubApi api = api(err, null, 2);
        SarifUpload.Outcome outcome = new SarifUpload(api, m -> err.println("pipeguard: " + m)).upload(repo, sarif, sha, gitRef);
        err.println("pipeguard: " + outcome.message());
        return outcome.ok();
    }
}
