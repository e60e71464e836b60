package dev.pipeguard.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.kohsuke.github.GitHub;
import org.kohsuke.github.GitHubBuilder;
import org.kohsuke.github.connector.GitHubConnectorResponse;
import org.kohsuke.github.extras.HttpClientGitHubConnector;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * pipeguard's GitHub client: kohsuke's {@link GitHub} for what it models, and plain JSON requests
 * for the endpoints it lacks, both through one {@link Transport}. It holds the token (or a GitHub
 * App's, see {@link GitHubApp}) and puts it only into Authorization headers; nothing it returns or
 * logs contains it.
 */
public final class GitHubApi {

    static final ObjectMapper JSON = new ObjectMapper();
    public static final String DEFAULT_URL = "https://api.github.com";

    /** A JSON answer: status, body (null when empty or not JSON) and the Link header's next page. */
    record Response(int status, JsonNode body, String next) {
        boolean ok() {
            return status >= 200 && status < 300;
        }

        String message() {
            return body == null ? "" : body.path("message").asText("");
        }
    }

    /** Where the token in the Authorization header comes from: a fixed token, or a GitHub App's renewed installation tokens. */
    interface Credentials {
        String token() throws IOException;
    }

    /** How long to wait for GitHub to accept a connection, and for a whole answer (headers and body). */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final String apiUrl;
    private final Credentials credentials;
    private final Transport transport;
    private final GitHub github;

    private GitHubApi(String apiUrl, Credentials credentials, Transport transport) throws IOException {
        this.apiUrl = apiUrl.replaceAll("/+$", "");
        this.credentials = credentials;
        this.transport = transport;
        this.github = new GitHubBuilder().withEndpoint(this.apiUrl).withAuthorizationProvider(() -> "Bearer " + credentials.token())
                .withConnector(transport).build();
    }

    /** Connects with a token (lazily: nothing is requested yet). {@code cacheDir} null disables the ETag cache. */
    public static GitHubApi connect(String apiUrl, String token, Path cacheDir, int concurrency, Consumer<String> log)
            throws IOException {
        return connect(apiUrl, token, cacheDir, concurrency, log, 1000, 15 * 60_000);
    }

    /** Connects as a GitHub App installation; its token is fetched on the first request and renewed before it expires. */
    public static GitHubApi connect(String apiUrl, GitHubApp app, Path cacheDir, int concurrency, Consumer<String> log)
            throws IOException {
        String url = apiUrl == null ? DEFAULT_URL : apiUrl;
        return connect(url, () -> app.token(url, log), cacheDir, concurrency, log, 1000, 15 * 60_000, REQUEST_TIMEOUT);
    }

    static GitHubApi connect(String apiUrl, String token, Path cacheDir, int concurrency, Consumer<String> log,
                             long baseBackoffMillis, long maxWaitMillis) throws IOException {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("no token");
        }
        String t = token.strip();
        return connect(apiUrl, () -> t, cacheDir, concurrency, log, baseBackoffMillis, maxWaitMillis, REQUEST_TIMEOUT);
    }

    static GitHubApi connect(String apiUrl, Credentials credentials, Path cacheDir, int concurrency, Consumer<String> log,
                             long baseBackoffMillis, long maxWaitMillis, Duration requestTimeout) throws IOException {
        // NOTE: kohsuke's connector takes our HttpClient, so connections time out; it sets no per-request
        // timeout, so Transport bounds each whole exchange itself.
        HttpClient client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
        Transport transport = new Transport(new HttpClientGitHubConnector(client), new EtagCache(cacheDir), concurrency, log,
                baseBackoffMillis, maxWaitMillis, requestTimeout);
        return new GitHubApi(apiUrl == null ? DEFAULT_URL : apiUrl, credentials, transport);
    }

    GitHub kohsuke() {
        return github;
    }

    Transport transport() {
        return transport;
    }

    String apiUrl() {
        return apiUrl;
    }

    /** The web URL of a repository (for SARIF's checkout_uri and links): github.com, or the GHES host. */
    String webUrl(String fullName) {
        String base = apiUrl.equals(DEFAULT_URL) ? "https://github.com" : apiUrl.replaceAll("/api/v3$", "");
        return base + "/" + fullName;
    }

    Response get(String path) throws IOException {
        return send("GET", path, null);
    }

    Response post(String path, JsonNode body) throws IOException {
        return send("POST", path, body);
    }

    /** Every item of a paginated list, following Link headers; {@code field} names the array in an object body (null: the body is the array). */
    Response getAll(String path, String field) throws IOException {
        ArrayNode all = JSON.createArrayNode();
        String next = path + (path.contains("?") ? "&" : "?") + "per_page=100";
        Response first = null;
        while (next != null) {
            Response r = get(next);
            if (!r.ok()) {
                return r;
            }
            first = first == null ? r : first;
            JsonNode items = field == null ? r.body() : r.body().path(field);
            items.forEach(all::add);
            next = r.next();
        }
        return new Response(first.status(), all, null);
    }

    /** Runs a GraphQL query; GraphQL reports most errors inside a 200, so the caller reads {@code errors}. */
    JsonNode graphql(String query) throws IOException {
        ObjectNode body = JSON.createObjectNode().put("query", query);
        Response r = post(graphqlPath(), body);
        if (!r.ok() || r.body() == null) {
            throw new GitHubException("GraphQL query failed: HTTP " + r.status() + " " + r.message());
        }
        return r.body();
    }

    private String graphqlPath() {
        // NOTE: GitHub Enterprise Server serves GraphQL at /api/graphql beside /api/v3.
        return apiUrl.endsWith("/api/v3") ? apiUrl.substring(0, apiUrl.length() - 3) + "graphql" : apiUrl + "/graphql";
    }

    private Response send(String method, String path, JsonNode body) throws IOException {
        URL url = URI.create(path.startsWith("http") ? path : apiUrl + path).toURL();
        Map<String, List<String>> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.put("Authorization", List.of("Bearer " + credentials.token()));
        headers.put("Accept", List.of("application/vnd.github+json"));
        headers.put("X-GitHub-Api-Version", List.of("2022-11-28"));
        byte[] bytes = null;
        if (body != null) {
            headers.put("Content-Type", List.of("application/json"));
            bytes = JSON.writeValueAsBytes(body);
        }
        try (GitHubConnectorResponse response = transport.send(new ApiRequest(method, url, headers, bytes))) {
            byte[] raw;
            try (InputStream in = response.bodyStream()) {
                raw = in == null ? new byte[0] : in.readAllBytes();
            } catch (IOException e) {
                raw = new byte[0];
            }
            JsonNode json = null;
            if (raw.length > 0) {
                try {
                    json = JSON.readTree(new String(raw, StandardCharsets.UTF_8));
                } catch (IOException e) {
                    json = null;
                }
            }
            return new Response(response.statusCode(), json, next(response.header("Link")));
        }
    }

    private static final Pattern NEXT = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"next\"");

    private static String next(String link) {
        if (link == null) {
            return null;
        }
        Matcher m = NEXT.matcher(link);
        return m.find() ? m.group(1) : null;
    }

    /** Requests sent, 304s answered from the cache, retries, and the rate limit last seen (-1: not yet). */
    public record Stats(int requests, int cacheHits, int retries, long coreRemaining, long graphqlRemaining) {
    }

    public Stats stats() {
        return new Stats(transport.requests.get(), transport.cacheHits.get(), transport.retries.get(),
                transport.coreRemaining.get(), transport.graphqlRemaining.get());
    }

    /** A failure talking to GitHub whose message is fit for the user (it never holds the token). */
    public static final class GitHubException extends IOException {
        public GitHubException(String message) {
            super(message);
        }
    }
}
