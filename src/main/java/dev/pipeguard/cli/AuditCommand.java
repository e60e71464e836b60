package dev.pipeguard.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pipeguard.github.AuditReports;
import dev.pipeguard.github.GitHubApi;
import dev.pipeguard.github.GitHubApp;
import dev.pipeguard.github.OrgAudit;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code pipeguard audit}: checks every repository of an organisation (or a user, or a list) and writes per-repository SARIF and a summary. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Audit every repository of an organisation, a user, or a list, within GitHub's rate limits.")
final class AuditCommand implements Callable<Integer> {

    static final class Source {
        @Option(names = "--org", paramLabel = "ORG", description = "Every repository of this organisation.")
        String org;

        @Option(names = "--user", paramLabel = "USER", description = "Every repository of this user.")
        String user;

        @Option(names = "--repos", paramLabel = "FILE", description = "The repositories listed in FILE, one OWNER/NAME a line.")
        Path repos;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Mixin
    GitHubOptions github;

    @Option(names = "--include-archived", description = "Audit archived repositories too.")
    boolean includeArchived;

    @Option(names = "--include-forks", description = "Audit forks too.")
    boolean includeForks;

    @Option(names = "--shard", paramLabel = "I/N", defaultValue = "1/1", description = "Audit only shard I of N (default: ${DEFAULT-VALUE}).")
    String shard;

    @Option(names = "--resume", description = "Skip repositories already in REPORTS/audit.json.")
    boolean resume;

    @Option(names = "--reports", paramLabel = "DIR", defaultValue = "reports", description = "Where to write (default: ${DEFAULT-VALUE}).")
    Path reports;

    @Option(names = "--cache", paramLabel = "DIR", defaultValue = ".pipeguard-cache",
            description = "ETag cache folder; a second audit of an unchanged organisation costs almost no rate limit (default: ${DEFAULT-VALUE}).")
    Path cache;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "4", description = "Repositories and requests in flight at most (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--estimate", description = "Print what the audit would cost in API requests, and stop.")
    boolean estimate;

    @Option(names = "--policies", paramLabel = "DIR", description = "Extra policy folder (repeatable).")
    List<Path> policyDirs = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        String[] s = shard.split("/");
        int index;
        int count;
        try {
            index = Integer.parseInt(s[0]);
            count = Integer.parseInt(s[1]);
        } catch (RuntimeException e) {
            throw new Main.UsageError("--shard must be I/N, like 2/4, not '" + shard + "'");
        }
        if (count < 1 || index < 1 || index > count) {
            throw new Main.UsageError("--shard I/N needs 1 <= I <= N, not " + shard);
        }
        List<String> repos = null;
        if (source.repos != null) {
            try {
                repos = Files.readAllLines(source.repos).stream().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
            } catch (IOException e) {
                throw new Main.UsageError("cannot read --repos " + source.repos + ": " + e.getClass().getSimpleName());
            }
            for (String r : repos) {
                if (!r.matches("[^/\\s]+/[^/\\s]+")) {
                    throw new Main.UsageError("--repos " + source.repos + ": expected OWNER/NAME a line, not '" + r + "'");
                }
            }
        }
        if (repos != null && repos.isEmpty()) {
            throw new Main.UsageError("--repos " + source.repos + " lists no repositories (one OWNER/NAME a line)");
        }
        GitHubApp.Target target = source.org != null ? GitHubApp.Target.organization(source.org)
                : source.user != null ? GitHubApp.Target.user(source.user) : GitHubApp.Target.repository(repos.get(0));
        GitHubApi api = github.api(System.err, cache, Math.max(1, concurrency), target);
        OrgAudit audit = new OrgAudit(api, new OrgAudit.Options(source.org, source.user, repos, includeArchived, includeForks,
                index, count, resume, reports, concurrency, policyDirs), progress());
        if (estimate) {
            System.out.println(audit.estimate());
            return Main.OK;
        }
        ObjectNode summary = audit.run();
        AuditReports.writeAll(summary, reports);
        GitHubApi.Stats stats = api.stats();
        System.err.println();
        System.err.println("pipeguard: audited " + summary.path("repositories").size() + " repositories with " + stats.requests()
                + " requests (" + stats.cacheHits() + " answered from the cache, " + stats.retries() + " retried); summary in "
                + reports.resolve("audit.html"));
        boolean failing = false;
        for (var r : summary.path("repositories")) {
            failing |= r.path("findings").asInt() > 0;
        }
        return failing ? Main.FINDINGS : Main.OK;
    }

    /** A one-line bar redrawn in place on a terminal; plain lines otherwise (CI logs). */
    private static java.util.function.Consumer<String> progress() {
        return progress(System.console() != null && System.getenv("CI") == null, System.err);
    }

    static java.util.function.Consumer<String> progress(boolean tty, java.io.PrintStream err) {
        return line -> {
            if (tty) {
                err.print("\r\033[K" + line);
                err.flush();
            } else {
                err.println("pipeguard: " + line);
            }
        };
    }
}
