package dev.pipeguard.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pipeguard.engine.Catalogue;
import dev.pipeguard.engine.Config;
import dev.pipeguard.engine.Engine;
import dev.pipeguard.engine.RunResult;
import dev.pipeguard.model.Notice;
import dev.pipeguard.model.RuleInfo;
import dev.pipeguard.report.sarif.SarifReporter;
import org.kohsuke.github.GHRepository;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Audits many repositories: lists them (an organisation's, a user's, or a file's), skips archived
 * ones and forks unless asked, keeps this shard's share, reads them in GraphQL batches and checks
 * each with the same engine as {@code check}, a bounded number at a time. Writes one SARIF per
 * repository and {@code audit.json} (the summary {@link AuditReports} renders); {@code audit.json}
 * is rewritten after every repository, so {@code --resume} skips those already done.
 */
public final class OrgAudit {

    /** What to audit and how. {@code shardIndex} is 1-based; {@code concurrency} bounds repositories and requests in flight. */
    public record Options(String org, String user, List<String> repos, boolean includeArchived, boolean includeForks,
                          int shardIndex, int shardCount, boolean resume, Path reports, int concurrency, List<Path> policyDirs) {
    }

    /** One repository of the listing: name, visibility, and why it is skipped (null: audited). */
    record Listed(String fullName, String visibility, String skipped) {
    }

    private final GitHubApi api;
    private final Options options;
    private final Consumer<String> progress;

    public OrgAudit(GitHubApi api, Options options, Consumer<String> progress) {
        this.api = api;
        this.options = options;
        this.progress = progress;
    }

    /** The repositories this shard will audit, after filters. */
    List<Listed> list() throws IOException {
        List<Listed> all = new ArrayList<>();
        if (options.repos() != null) {
            for (String name : options.repos()) {
                try {
                    all.add(listed(api.kohsuke().getRepository(name)));
                } catch (org.kohsuke.github.GHFileNotFoundException e) {
                    all.add(new Listed(name, null, "not found, or the token cannot see it"));
                }
            }
        } else {
            Iterable<GHRepository> listing = options.org() != null
                    ? api.kohsuke().getOrganization(options.org()).listRepositories(100)
                    : api.kohsuke().getUser(options.user()).listRepositories(100);
            for (GHRepository r : listing) {
                all.add(listed(r));
            }
        }
        all.sort(Comparator.comparing(Listed::fullName, String.CASE_INSENSITIVE_ORDER));
        return all.stream().filter(l -> shard(l.fullName(), options.shardCount()) == options.shardIndex() - 1).toList();
    }

    private Listed listed(GHRepository r) {
        String skipped = r.isArchived() && !options.includeArchived() ? "archived"
                : r.isFork() && !options.includeForks() ? "fork" : null;
        return new Listed(r.getFullName(), GitHubReader.visibility(r), skipped);
    }

    /** Which shard (0-based) a repository belongs to: a hash of its lower-cased name, so every job agrees without talking. */
    static int shard(String fullName, int count) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(fullName.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            long v = ((d[0] & 0xffL) << 24) | ((d[1] & 0xffL) << 16) | ((d[2] & 0xffL) << 8) | (d[3] & 0xffL);
            return (int) (v % count);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Requests and points the audit would spend on a cold cache, without spending them (the listing itself is spent). */
    public String estimate() throws IOException {
        List<Listed> listed = list();
        long audited = listed.stream().filter(l -> l.skipped() == null).count();
        long batches = (audited + RepositoryQuery.BATCH - 1) / RepositoryQuery.BATCH;
        long graphqlPoints = batches * 3 + batches;
        long rest = audited * 3 + (options.org() != null ? 1 : audited);
        return audited + " repositories to audit (" + (listed.size() - audited) + " skipped); about " + (rest + 2 * batches)
                + " requests: " + rest + " REST (1 point each, 304s free when cached) and " + 2 * batches
                + " GraphQL queries (about " + graphqlPoints + " points), plus one per environment and deployment branch policy";
    }

    /** Runs the audit; returns the summary document it wrote to {@code reports/audit.json}. */
    public ObjectNode run() throws IOException {
        Files.createDirectories(options.reports().resolve("sarif"));
        Path state = options.reports().resolve("audit.json");
        Map<String, JsonNode> done = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (options.resume() && Files.isRegularFile(state)) {
            GitHubApi.JSON.readTree(state.toFile()).path("repositories").forEach(r -> done.put(r.path("repository").asText(), r));
            progress.accept("resuming: " + done.size() + " repositories already audited");
        }
        List<Listed> listed = list();
        List<Listed> todo = listed.stream().filter(l -> l.skipped() == null && !done.containsKey(l.fullName())).toList();
        Map<String, String> skipped = new LinkedHashMap<>();
        listed.stream().filter(l -> l.skipped() != null).forEach(l -> skipped.put(l.fullName(), l.skipped()));
        OrgSecrets orgSecrets = options.org() != null ? OrgSecrets.read(api, options.org()) : null;
        Catalogue catalogue = Catalogue.load(options.policyDirs());
        Engine engine = new Engine(catalogue.rules(), Config.defaults());
        List<String> policies = engine.rules().stream().map(RuleInfo::id).sorted().toList();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, options.concurrency()));
        long started = System.nanoTime();
        int[] count = {done.size()};
        int total = done.size() + todo.size();
        try {
            for (int from = 0; from < todo.size(); from += RepositoryQuery.BATCH) {
                List<Listed> batch = todo.subList(from, Math.min(todo.size(), from + RepositoryQuery.BATCH));
                List<RepositoryQuery.Target> targets = batch.stream().map(l -> {
                    String[] p = GitHubReader.split(l.fullName());
                    return new RepositoryQuery.Target(p[0], p[1], null);
                }).toList();
                Map<String, RemoteRepository> remote = new RepositoryQuery(api).read(targets);
                List<Future<ObjectNode>> futures = new ArrayList<>();
                for (Listed l : batch) {
                    futures.add(pool.submit(() -> audit(l, remote.get(l.fullName()), orgSecrets, engine)));
                }
                for (Future<ObjectNode> f : futures) {
                    ObjectNode row = f.get();
                    synchronized (done) {
                        done.put(row.path("repository").asText(), row);
                        count[0]++;
                        write(state, summary(done, skipped, policies));
                    }
                    GitHubApi.Stats s = api.stats();
                    long elapsed = (System.nanoTime() - started) / 1_000_000_000L;
                    int sinceStart = count[0] - (total - todo.size());
                    long eta = sinceStart == 0 ? 0 : elapsed * (total - count[0]) / sinceStart;
                    progress.accept(String.format("%d/%d %s: %d findings; rate limit left %s; ETA %ds", count[0], total,
                            row.path("repository").asText(), row.path("findings").asInt(),
                            s.coreRemaining() < 0 ? "?" : String.valueOf(s.coreRemaining()), eta));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("audit interrupted; rerun with --resume");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        ObjectNode summary = summary(done, skipped, policies);
        write(state, summary);
        return summary;
    }

    private ObjectNode audit(Listed listed, RemoteRepository remote, OrgSecrets orgSecrets, Engine engine) throws IOException {
        ObjectNode row = GitHubApi.JSON.createObjectNode().put("repository", listed.fullName());
        if (remote == null) {
            row.put("error", "not readable with this token");
            row.putObject("policies");
            return row;
        }
        GitHubReader.Read read = new GitHubReader(api).read(remote, null, orgSecrets, listed.visibility());
        RunResult result = engine.run(read.repository());
        Path sarif = options.reports().resolve("sarif").resolve(listed.fullName().replace("/", "__") + ".sarif");
        new SarifReporter(sarif, "pipeguard").write(result);
        row.put("sarif", options.reports().relativize(sarif).toString().replace('\\', '/'));
        row.put("commit", read.headOid());
        row.put("findings", result.findings().size());
        ObjectNode policies = row.putObject("policies");
        for (RuleInfo r : result.rules()) {
            long n = result.findings().stream().filter(f -> f.ruleId().equals(r.id())).count();
            boolean notEvaluated = result.notices().stream().anyMatch(x -> x.kind() == Notice.Kind.NOT_EVALUATED && r.id().equals(x.ruleId()));
            policies.put(r.id(), n > 0 ? "fail:" + n : notEvaluated ? "not-evaluated" : "pass");
        }
        ArrayNode notes = row.putArray("notes");
        read.notes().forEach(notes::add);
        return row;
    }

    static ObjectNode summary(Map<String, JsonNode> rows, Map<String, String> skipped, List<String> policies) {
        ObjectNode out = GitHubApi.JSON.createObjectNode();
        out.put("format", "pipeguard-audit/1");
        ArrayNode p = out.putArray("policies");
        policies.forEach(p::add);
        ArrayNode repos = out.putArray("repositories");
        rows.values().forEach(repos::add);
        ObjectNode s = out.putObject("skipped");
        skipped.forEach(s::put);
        return out;
    }

    static void write(Path file, JsonNode node) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        GitHubApi.JSON.writer(com.fasterxml.jackson.core.util.DefaultPrettyPrinter.class.cast(
                new com.fasterxml.jackson.core.util.DefaultPrettyPrinter())).writeValue(tmp.toFile(), node);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
