package dev.pipeguard.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.GZIPOutputStream;

/**
 * Uploads SARIF to code scanning (gzip, then base64, with commit_sha, ref and checkout_uri) and
 * polls its processing with backoff. GitHub's limits are kept before sending, with a warning:
 * at most 20 runs an upload (more are split across uploads), 25,000 results a run, 1,000
 * locations a result and 20 tags a rule (trimmed), 10 MB gzipped (runs split, then results trimmed).
 */
public final class SarifUpload {

    static final long MAX_GZIPPED = 10L * 1024 * 1024;
    static final int MAX_RUNS = 20;
    static final int MAX_RESULTS = 25_000;
    static final int MAX_LOCATIONS = 1_000;
    static final int MAX_TAGS = 20;

    /** Whether every upload was processed, and a sentence for the user. */
    public record Outcome(boolean ok, String message) {
    }

    private final GitHubApi api;
    private final Consumer<String> warn;
    private final long pollMillis;
    private final long maxPollMillis;

    public SarifUpload(GitHubApi api, Consumer<String> warn) {
        this(api, warn, 1000, 180_000);
    }

    SarifUpload(GitHubApi api, Consumer<String> warn, long pollMillis, long maxPollMillis) {
        this.api = api;
        this.warn = warn;
        this.pollMillis = pollMillis;
        this.maxPollMillis = maxPollMillis;
    }

    public Outcome upload(String fullName, Path sarif, String commitSha, String ref) {
        try {
            JsonNode log = GitHubApi.JSON.readTree(sarif.toFile());
            List<byte[]> parts = prepare((ObjectNode) log);
            List<String> processed = new ArrayList<>();
            for (byte[] gz : parts) {
                ObjectNode body = GitHubApi.JSON.createObjectNode().put("commit_sha", commitSha).put("ref", ref)
                        .put("sarif", Base64.getEncoder().encodeToString(gz)).put("checkout_uri", api.webUrl(fullName))
                        .put("tool_name", "pipeguard");
                GitHubApi.Response r = api.post("/repos/" + fullName + "/code-scanning/sarifs", body);
                if (r.status() != 202 && r.status() != 200) {
                    return new Outcome(false, "upload to " + fullName + " refused: " + explain(r));
                }
                String id = r.body().path("id").asText();
                String failure = poll(fullName, id);
                if (failure != null) {
                    return new Outcome(false, "code scanning could not process the SARIF for " + fullName + ": " + failure);
                }
                processed.add(id);
            }
            return new Outcome(true, "uploaded to code scanning for " + fullName + " (" + String.join(", ", processed) + ")");
        } catch (IOException e) {
            return new Outcome(false, "upload to " + fullName + " failed: " + e.getMessage());
        }
    }

    /** The gzipped uploads for {@code log}, kept within GitHub's limits. */
    List<byte[]> prepare(ObjectNode log) throws IOException {
        ArrayNode runs = (ArrayNode) log.path("runs");
        int[] trimmedLocations = {0};
        Map<String, Integer> trimmedTags = new LinkedHashMap<>();
        for (JsonNode run : runs) {
            trim((ObjectNode) run, trimmedLocations, trimmedTags);
        }
        // NOTE: warned once for all runs, so a split file does not repeat the same warning a run.
        if (trimmedLocations[0] > 0) {
            warn.accept(trimmedLocations[0] + " results had over " + MAX_LOCATIONS + " locations; kept the first " + MAX_LOCATIONS);
        }
        trimmedTags.forEach((rule, tags) -> warn.accept("rule " + rule + " has " + tags + " tags, over GitHub's " + MAX_TAGS
                + "; kept the first " + MAX_TAGS));
        List<List<JsonNode>> groups = new ArrayList<>();
        for (int i = 0; i < runs.size(); i += MAX_RUNS) {
            List<JsonNode> g = new ArrayList<>();
            for (int j = i; j < Math.min(runs.size(), i + MAX_RUNS); j++) {
                g.add(runs.get(j));
            }
            groups.add(g);
        }
        if (groups.size() > 1) {
            warn.accept("SARIF has " + runs.size() + " runs, over GitHub's " + MAX_RUNS + " an upload; sending " + groups.size() + " uploads");
        }
        if (groups.isEmpty()) {
            groups.add(List.of());
        }
        List<byte[]> out = new ArrayList<>();
        for (List<JsonNode> group : groups) {
            out.addAll(fit(log, group));
        }
        return out;
    }

    private List<byte[]> fit(ObjectNode log, List<JsonNode> runs) throws IOException {
        byte[] gz = gzip(withRuns(log, runs));
        if (gz.length <= MAX_GZIPPED) {
            return List.of(gz);
        }
        if (runs.size() > 1) {
            warn.accept("SARIF is " + gz.length / 1024 / 1024 + " MB gzipped, over GitHub's 10 MB; splitting its runs");
            List<byte[]> out = new ArrayList<>(fit(log, runs.subList(0, runs.size() / 2)));
            out.addAll(fit(log, runs.subList(runs.size() / 2, runs.size())));
            return out;
        }
        ObjectNode run = runs.get(0).deepCopy();
        ArrayNode results = (ArrayNode) run.path("results");
        while (gz.length > MAX_GZIPPED && results.size() > 1) {
            int keep = results.size() / 2;
            while (results.size() > keep) {
                results.remove(results.size() - 1);
            }
            gz = gzip(withRuns(log, List.of(run)));
        }
        warn.accept("SARIF run is over GitHub's 10 MB gzipped; kept its first " + results.size() + " results");
        return List.of(gz);
    }

    private void trim(ObjectNode run, int[] trimmedLocations, Map<String, Integer> trimmedTags) {
        ArrayNode results = run.path("results") instanceof ArrayNode a ? a : GitHubApi.JSON.createArrayNode();
        if (results.size() > MAX_RESULTS) {
            warn.accept("SARIF run has " + results.size() + " results, over GitHub's " + MAX_RESULTS + "; kept the first " + MAX_RESULTS);
            while (results.size() > MAX_RESULTS) {
                results.remove(results.size() - 1);
            }
        }
        for (JsonNode r : results) {
            boolean trimmed = false;
            for (String field : List.of("locations", "relatedLocations")) {
                if (r.path(field) instanceof ArrayNode locations && locations.size() > MAX_LOCATIONS) {
                    trimmed = true;
                    while (locations.size() > MAX_LOCATIONS) {
                        locations.remove(locations.size() - 1);
                    }
                }
            }
            trimmedLocations[0] += trimmed ? 1 : 0;
        }
        for (JsonNode rule : run.path("tool").path("driver").path("rules")) {
            if (rule.path("properties").path("tags") instanceof ArrayNode tags && tags.size() > MAX_TAGS) {
                trimmedTags.merge(rule.path("id").asText(), tags.size(), Math::max);
                while (tags.size() > MAX_TAGS) {
                    tags.remove(tags.size() - 1);
                }
            }
        }
    }

    private String poll(String fullName, String id) throws IOException {
        long waited = 0;
        long delay = pollMillis;
        while (true) {
            GitHubApi.Response r = api.get("/repos/" + fullName + "/code-scanning/sarifs/" + id);
            if (r.ok()) {
                String status = r.body().path("processing_status").asText();
                if (status.equals("complete")) {
                    return null;
                }
                if (status.equals("failed")) {
                    List<String> errors = new ArrayList<>();
                    r.body().path("errors").forEach(e -> errors.add(e.asText()));
                    return errors.isEmpty() ? "processing failed" : String.join("; ", errors);
                }
            } else if (r.status() != 404) {
                return "status check failed: " + explain(r);
            }
            if (waited >= maxPollMillis) {
                return "still " + (r.ok() ? r.body().path("processing_status").asText() : "not visible") + " after "
                        + waited / 1000 + "s (sarif id " + id + ")";
            }
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted while waiting for processing";
            }
            waited += delay;
            delay = Math.min(delay * 2, 15_000);
        }
    }

    static String explain(GitHubApi.Response r) {
        String message = r.message();
        String lower = message.toLowerCase(Locale.ROOT);
        if (r.status() == 403 && (lower.contains("advanced security") || lower.contains("code scanning is not enabled"))) {
            return "Advanced Security is not enabled for this private repository, so code scanning cannot take uploads"
                    + " (GitHub said: \"" + message + "\")";
        }
        if (r.status() == 403 || r.status() == 404) {
            return "the token needs the security-events: write permission on the repository (in a workflow: 'permissions:"
                    + " security-events: write'; GitHub said: HTTP " + r.status() + " \"" + message + "\")";
        }
        if (r.status() == 413) {
            return "the SARIF is too large for GitHub (HTTP 413)";
        }
        return "HTTP " + r.status() + (message.isEmpty() ? "" : " \"" + message + "\"");
    }

    private static ObjectNode withRuns(ObjectNode log, List<JsonNode> runs) {
        ObjectNode copy = log.deepCopy();
        ArrayNode a = copy.putArray("runs");
        runs.forEach(a::add);
        return copy;
    }

    static byte[] gzip(JsonNode node) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            GitHubApi.JSON.writeValue(gz, node);
        }
        return out.toByteArray();
    }

    /** For tests and callers holding the file already. */
    static byte[] read(Path p) throws IOException {
        return Files.readAllBytes(p);
    }
}
