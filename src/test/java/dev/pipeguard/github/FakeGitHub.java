package dev.pipeguard.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * A small GitHub on loopback for tests: serves the fixture bodies under {@code github/fake/} for a
 * world of organisations and repositories, and keeps GitHub's rate-limit accounting (one point a
 * REST request, 304s to conditional requests free, GraphQL by its connection cost), ETags,
 * pagination Link headers, and injected faults (secondary limits with Retry-After, 502s).
 * Every REST body it serves comes from a fixture that {@link FixtureSchemaTest} validates.
 */
final class FakeGitHub implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Path ROOT = resources().resolve("github/fake");

    /** One repository of the fake world; {@code profile} names its settings fixtures, {@code files} its .github tree. */
    record Repo(String owner, String name, String profile, String files, boolean archived, boolean fork, boolean isPrivate) {
        String fullName() {
            return owner + "/" + name;
        }
    }

    record Fault(Pattern path, int status, Map<String, String> headers, String body, AtomicInteger times) {
    }

    /** One upload the fake received: the decoded SARIF and the fields sent with it. */
    record Upload(String commitSha, String ref, String checkoutUri, String sarif) {
    }

    /** Every fixture file any fake has served, relative to {@link #ROOT}, so a test can tell none is left unchecked. */
    static final java.util.Set<String> served = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final HttpServer server;
    private final String token;
    private final Map<String, Repo> repos = new LinkedHashMap<>();
    private final Map<String, String> owners = new LinkedHashMap<>();
    private final List<Fault> faults = new CopyOnWriteArrayList<>();
    private final AtomicInteger corePoints = new AtomicInteger();
    private final AtomicInteger graphqlPoints = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger notModified = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final ConcurrentLinkedQueue<String> log = new ConcurrentLinkedQueue<>();
    final List<Upload> uploads = new CopyOnWriteArrayList<>();
    /** Every GraphQL query received, in order. */
    final List<String> queries = new CopyOnWriteArrayList<>();
    private final Map<String, List<String>> sarifOutcomes = new HashMap<>();
    private volatile List<String> sarifFailure = null;
    private volatile int pendingPolls = 1;
    private volatile int uploadStatus = 202;
    private volatile String uploadError = null;
    private volatile String appId;
    private volatile java.security.PublicKey appKey;
    private volatile long installationId;
    private final java.util.Set<String> installedOn = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Map<String, java.time.Instant> installationTokens = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile java.time.Duration tokenLifetime = java.time.Duration.ofHours(1);
    private final List<Hang> hangs = new CopyOnWriteArrayList<>();

    /** Every token, installation token and JWT any fake has issued or accepted, so tests can grep outputs for them. */
    static final java.util.Set<String> secrets = java.util.concurrent.ConcurrentHashMap.newKeySet();

    record Hang(Pattern path, long millis, AtomicInteger times) {
    }

    FakeGitHub(String token) throws IOException {
        this.token = token;
        secrets.add(token);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    FakeGitHub org(String login) {
        owners.put(login, "Organization");
        return this;
    }

    FakeGitHub user(String login) {
        owners.put(login, "User");
        return this;
    }

    FakeGitHub repo(String owner, String name, String profile, String files) {
        return repo(new Repo(owner, name, profile, files, false, false, false));
    }

    FakeGitHub repo(Repo repo) {
        repos.put(repo.fullName(), repo);
        return this;
    }

    /** The next {@code times} requests whose path matches {@code pathRegex} get this answer instead. */
    void fault(String pathRegex, int status, Map<String, String> headers, String body, int times) {
        faults.add(new Fault(Pattern.compile(pathRegex), status, headers, body, new AtomicInteger(times)));
    }

    /**
     * A GitHub App {@code id} whose JWTs {@code key} verifies, with installation {@code installation} on these
     * accounts (organisation or user logins); its installation tokens live {@link #tokenLifetime}.
     */
    FakeGitHub app(String id, java.security.PublicKey key, long installation, String... accounts) {
        appId = id;
        appKey = key;
        installationId = installation;
        installedOn.addAll(List.of(accounts));
        return this;
    }

    void tokenLifetime(java.time.Duration lifetime) {
        tokenLifetime = lifetime;
    }

    /** Installation tokens issued so far. */
    int installationTokensIssued() {
        return installationTokens.size();
    }

    /** The next {@code times} requests whose path matches {@code pathRegex} wait {@code millis} before being answered. */
    void hang(String pathRegex, long millis, int times) {
        hangs.add(new Hang(Pattern.compile(pathRegex), millis, new AtomicInteger(times)));
    }

    /** Uploads report {@code pending} for {@code polls} polls, then fail with these errors (null: complete). */
    void sarifProcessing(int polls, List<String> failure) {
        pendingPolls = polls;
        sarifFailure = failure;
    }

    /** The upload POST answers {@code status} with {@code message} instead of 202. */
    void uploadAnswer(int status, String message) {
        uploadStatus = status;
        uploadError = message;
    }

    int points() {
        return corePoints.get() + graphqlPoints.get();
    }

    int graphqlPoints() {
        return graphqlPoints.get();
    }

    int requests() {
        return requests.get();
    }

    int notModified() {
        return notModified.get();
    }

    int maxInFlight() {
        return maxInFlight.get();
    }

    void resetCounters() {
        corePoints.set(0);
        graphqlPoints.set(0);
        requests.set(0);
        notModified.set(0);
        log.clear();
    }

    List<String> log() {
        return List.copyOf(log);
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    // ---------------------------------------------------------------- dispatch

    private void handle(HttpExchange ex) throws IOException {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        try {
            requests.incrementAndGet();
            String method = ex.getRequestMethod();
            String path = ex.getRequestURI().getRawPath();
            Map<String, String> query = query(ex.getRequestURI().getRawQuery());
            byte[] requestBody = ex.getRequestBody().readAllBytes();
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            String presented = auth == null ? "" : auth.replaceFirst("^(token|Bearer) ", "");
            for (Hang h : hangs) {
                if (h.path.matcher(path).find() && h.times.getAndUpdate(t -> Math.max(0, t - 1)) > 0) {
                    Thread.sleep(h.millis);
                }
            }
            if (appKey != null && presented.split("\\.").length == 3) {
                app(ex, method, path, presented);
                return;
            }
            java.time.Instant expiry = installationTokens.get(presented);
            boolean valid = presented.equals(token) || (expiry != null && expiry.isAfter(java.time.Instant.now()));
            if (auth == null || !valid) {
                send(ex, 401, Map.of(), "{\"message\":\"Bad credentials\",\"documentation_url\":\"https://docs.github.com/rest\"}", "core", false);
                return;
            }
            for (Fault f : faults) {
                if (f.path.matcher(path).find() && f.times.getAndUpdate(t -> Math.max(0, t - 1)) > 0) {
                    corePoints.incrementAndGet();
                    send(ex, f.status, f.headers, f.body, "core", false);
                    return;
                }
            }
            if (method.equals("POST") && path.equals("/graphql")) {
                graphql(ex, requestBody);
                return;
            }
            if (method.equals("POST")) {
                corePoints.incrementAndGet();
                upload(ex, path, requestBody);
                return;
            }
            if (path.equals("/rate_limit")) {
                ObjectNode body = (ObjectNode) read("templates/rate-limit.json");
                send(ex, 200, Map.of(), JSON.writeValueAsString(body), "core", false);
                return;
            }
            Answer answer = rest(path);
            if (answer.status == 200) {
                answer = paginate(answer, path, query);
            }
            String etag = "W/\"" + sha256(answer.body) + "\"";
            String ifNoneMatch = ex.getRequestHeaders().getFirst("If-None-Match");
            if (answer.status == 200 && etag.equals(ifNoneMatch)) {
                notModified.incrementAndGet();
                Map<String, String> h = new LinkedHashMap<>(answer.headers);
                h.put("ETag", etag);
                send(ex, 304, h, null, "core", true);
                return;
            }
            corePoints.incrementAndGet();
            Map<String, String> h = new LinkedHashMap<>(answer.headers);
            if (answer.status == 200) {
                h.put("ETag", etag);
            }
            send(ex, answer.status, h, answer.body, "core", false);
        } catch (RuntimeException e) {
            send(ex, 500, Map.of(), "{\"message\":\"fake: " + e.toString().replace('"', '\'') + "\"}", "core", false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private record Answer(int status, String body, Map<String, String> headers) {
    }

    private static final Pattern REPO_PATH = Pattern.compile("^/repos/([^/]+)/([^/]+)(/.*)?$");
    private static final Pattern ORG_PATH = Pattern.compile("^/(orgs|users)/([^/]+)(/.*)?$");

    private Answer rest(String path) {
        Matcher m = REPO_PATH.matcher(path);
        if (m.matches()) {
            Repo repo = repos.get(m.group(1) + "/" + m.group(2));
            if (repo == null) {
                return notFound();
            }
            String rest = m.group(3) == null ? "" : decode(m.group(3));
            if (rest.isEmpty()) {
                return ok(JSON.valueToTree(repository(repo)));
            }
            String file = switch (rest) {
                case "/environments" -> "environments";
                case "/actions/secrets" -> "secrets";
                case "/actions/organization-secrets" -> "organization-secrets";
                case "/actions/permissions/workflow" -> "workflow-permissions";
                default -> {
                    Matcher env = Pattern.compile("^/environments/([^/]+)/(deployment-branch-policies|secrets)$").matcher(rest);
                    Matcher sarif = Pattern.compile("^/code-scanning/sarifs/([^/]+)$").matcher(rest);
                    if (env.matches()) {
                        yield "env/" + env.group(1) + "/" + env.group(2);
                    }
                    if (sarif.matches()) {
                        yield "#sarif:" + sarif.group(1);
                    }
                    yield null;
                }
            };
            if (file == null) {
                return notFound();
            }
            if (file.startsWith("#sarif:")) {
                return sarifStatus(file.substring(7));
            }
            return profileFile(repo.profile, file);
        }
        m = ORG_PATH.matcher(path);
        if (m.matches()) {
            String login = m.group(2);
            String kind = owners.get(login);
            if (kind == null || (m.group(1).equals("orgs") != kind.equals("Organization"))) {
                return notFound();
            }
            String rest = m.group(3) == null ? "" : decode(m.group(3));
            if (rest.isEmpty() && kind.equals("User")) {
                ObjectNode user = (ObjectNode) read("templates/user.json");
                String template = user.get("login").asText();
                try {
                    user = (ObjectNode) JSON.readTree(JSON.writeValueAsString(user).replace("https://api.github.com", url())
                            .replace("/" + template, "/" + login));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                user.put("login", login);
                return ok(user);
            }
            if (rest.isEmpty()) {
                ObjectNode org = (ObjectNode) read("templates/org.json");
                org.put("login", login).put("url", url() + "/orgs/" + login).put("repos_url", url() + "/orgs/" + login + "/repos");
                return ok(org);
            }
            if (rest.equals("/repos")) {
                ArrayNode list = JSON.createArrayNode();
                repos.values().stream().filter(r -> r.owner.equals(login)).forEach(r -> list.add(repository(r)));
                return ok(list);
            }
            Matcher s = Pattern.compile("^/actions/secrets(?:/([^/]+)/repositories)?$").matcher(rest);
            if (s.matches()) {
                return profileFile("orgs/" + login, s.group(1) == null ? "secrets" : "secrets/" + s.group(1) + "/repositories");
            }
        }
        return notFound();
    }

    /** A repository body: the template with this repository's names, flags and URLs. */
    ObjectNode repository(Repo r) {
        ObjectNode body = (ObjectNode) read("templates/repository.json");
        String template = body.get("full_name").asText();
        String text;
        try {
            text = JSON.writeValueAsString(body).replace("https://api.github.com", url()).replace(template, r.fullName());
            body = (ObjectNode) JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        body.put("id", 1000 + new ArrayList<>(repos.keySet()).indexOf(r.fullName()));
        body.put("name", r.name).put("full_name", r.fullName());
        ((ObjectNode) body.get("owner")).put("login", r.owner).put("type", owners.getOrDefault(r.owner, "User"));
        body.put("archived", r.archived).put("fork", r.fork).put("private", r.isPrivate)
                .put("visibility", r.isPrivate ? "private" : "public").put("default_branch", "main");
        return body;
    }

    private Answer profileFile(String profile, String file) {
        String fallback = profile.startsWith("orgs/") ? "orgs/_defaults" : "profiles/_defaults";
        for (String dir : List.of("profiles/" + profile, profile, fallback)) {
            Path base = ROOT.resolve(dir);
            if (!Files.isDirectory(base)) {
                continue;
            }
            try (Stream<Path> s = Files.list(base.resolve(file).getParent() == null ? base : base.resolve(file).getParent())) {
                String prefix = base.resolve(file).getFileName() + ".";
                for (Path p : s.sorted().toList()) {
                    String n = p.getFileName().toString();
                    if (n.equals(prefix + "json")) {
                        served.add(ROOT.relativize(p).toString());
                        return new Answer(200, Files.readString(p), Map.of());
                    }
                    Matcher st = Pattern.compile(Pattern.quote(prefix) + "(\\d{3})\\.json").matcher(n);
                    if (st.matches()) {
                        served.add(ROOT.relativize(p).toString());
                        return new Answer(Integer.parseInt(st.group(1)), Files.readString(p), Map.of());
                    }
                }
            } catch (java.nio.file.NoSuchFileException e) {
                // NOTE: not in this folder; try the next.
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return notFound();
    }

    private static Answer ok(JsonNode body) {
        try {
            return new Answer(200, JSON.writeValueAsString(body), Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Answer notFound() {
        return new Answer(404, "{\"message\":\"Not Found\",\"documentation_url\":\"https://docs.github.com/rest\",\"status\":\"404\"}", Map.of());
    }

    /** Slices a list body (an array, or an object's one array beside total_count) and adds a Link header. */
    private Answer paginate(Answer answer, String path, Map<String, String> query) {
        try {
            JsonNode body = JSON.readTree(answer.body);
            ArrayNode items = null;
            String field = null;
            if (body.isArray()) {
                items = (ArrayNode) body;
            } else if (body.has("total_count")) {
                for (Map.Entry<String, JsonNode> e : body.properties()) {
                    if (e.getValue().isArray()) {
                        items = (ArrayNode) e.getValue();
                        field = e.getKey();
                    }
                }
            }
            if (items == null) {
                return answer;
            }
            int perPage = Math.min(100, Integer.parseInt(query.getOrDefault("per_page", "30")));
            int page = Integer.parseInt(query.getOrDefault("page", "1"));
            int last = Math.max(1, (items.size() + perPage - 1) / perPage);
            ArrayNode slice = JSON.createArrayNode();
            for (int i = (page - 1) * perPage; i < Math.min(items.size(), page * perPage); i++) {
                slice.add(items.get(i));
            }
            JsonNode out = field == null ? slice : ((ObjectNode) body.deepCopy()).set(field, slice);
            Map<String, String> headers = new LinkedHashMap<>(answer.headers);
            if (last > 1) {
                List<String> links = new ArrayList<>();
                String base = url() + path + "?per_page=" + perPage + "&page=";
                if (page < last) {
                    links.add("<" + base + (page + 1) + ">; rel=\"next\"");
                    links.add("<" + base + last + ">; rel=\"last\"");
                }
                if (page > 1) {
                    links.add("<" + base + "1>; rel=\"first\"");
                    links.add("<" + base + (page - 1) + ">; rel=\"prev\"");
                }
                if (!links.isEmpty()) {
                    headers.put("Link", String.join(", ", links));
                }
            }
            return new Answer(200, JSON.writeValueAsString(out), headers);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- GitHub App

    private static final Pattern INSTALLATION_PATH = Pattern.compile("^/(orgs|users|repos)/([^/]+)(?:/([^/]+))?/installation$");
    private static final Pattern ACCESS_TOKENS_PATH = Pattern.compile("^/app/installations/(\\d+)/access_tokens$");

    /** Requests made with a JWT: only the app endpoints answer, and only to a JWT the app's key verifies and that has not expired. */
    private void app(HttpExchange ex, String method, String path, String jwt) throws IOException {
        corePoints.incrementAndGet();
        String problem = verify(jwt);
        if (problem != null) {
            send(ex, 401, Map.of(), JSON.writeValueAsString(JSON.createObjectNode().put("message", problem)
                    .put("documentation_url", "https://docs.github.com/rest")), "core", false);
            return;
        }
        secrets.add(jwt);
        Matcher installation = INSTALLATION_PATH.matcher(path);
        Matcher tokens = ACCESS_TOKENS_PATH.matcher(path);
        if (method.equals("GET") && installation.matches()) {
            String account = installation.group(2);
            boolean exists = installation.group(1).equals("repos") ? repos.containsKey(account + "/" + installation.group(3))
                    : installation.group(1).equals("orgs") == "Organization".equals(owners.get(account)) && owners.containsKey(account);
            if (!exists || !installedOn.contains(account)) {
                Answer a = notFound();
                send(ex, a.status, a.headers, a.body, "core", false);
                return;
            }
            ObjectNode body = (ObjectNode) read("templates/installation.json");
            body.put("id", installationId).put("app_id", Long.parseLong(appId)).put("target_type", owners.getOrDefault(account, "User"))
                    .put("access_tokens_url", url() + "/app/installations/" + installationId + "/access_tokens");
            ((ObjectNode) body.get("account")).put("login", account).put("type", owners.getOrDefault(account, "User"));
            send(ex, 200, Map.of(), JSON.writeValueAsString(body), "core", false);
        } else if (method.equals("POST") && tokens.matches() && Long.parseLong(tokens.group(1)) == installationId) {
            String issued = "ghs_" + HexFormat.of().formatHex(java.security.SecureRandom.getSeed(16));
            java.time.Instant expires = java.time.Instant.now().plus(tokenLifetime);
            installationTokens.put(issued, expires);
            secrets.add(issued);
            ObjectNode body = (ObjectNode) read("templates/installation-token.json");
            body.put("token", issued).put("expires_at", expires.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
            send(ex, 201, Map.of(), JSON.writeValueAsString(body), "core", false);
        } else {
            Answer a = notFound();
            send(ex, a.status, a.headers, a.body, "core", false);
        }
    }

    /** Why GitHub would refuse this JWT (null: it would not): RS256 signature by the app's key, iss the app id, at most 10 minutes. */
    private String verify(String jwt) {
        try {
            String[] parts = jwt.split("\\.");
            JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            java.security.Signature rsa = java.security.Signature.getInstance("SHA256withRSA");
            rsa.initVerify(appKey);
            rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            long now = System.currentTimeMillis() / 1000;
            if (!header.path("alg").asText().equals("RS256") || !rsa.verify(Base64.getUrlDecoder().decode(parts[2]))) {
                return "A JSON web token could not be decoded";
            }
            if (!claims.path("iss").asText().equals(appId)) {
                return "Integration not found";
            }
            if (claims.path("exp").asLong() < now || claims.path("exp").asLong() - claims.path("iat").asLong() > 600
                    || claims.path("iat").asLong() > now + 60) {
                return "'Expiration time' claim ('exp') is too far in the future";
            }
            return null;
        } catch (IOException | RuntimeException | java.security.GeneralSecurityException e) {
            return "A JSON web token could not be decoded";
        }
    }

    // ---------------------------------------------------------------- GraphQL

    private static final Pattern REPOSITORY_ALIAS =
            Pattern.compile("(\\w+)\\s*:\\s*repository\\(\\s*owner\\s*:\\s*\"([^\"]+)\"\\s*,\\s*name\\s*:\\s*\"([^\"]+)\"\\s*\\)");
    private static final Pattern OBJECT_ALIAS = Pattern.compile("(\\w+)\\s*:\\s*object\\(\\s*expression\\s*:\\s*\"([^\"]*)\"\\s*\\)");

    private void graphql(HttpExchange ex, byte[] body) throws IOException {
        String query = JSON.readTree(body).path("query").asText();
        queries.add(query);
        int cost = cost(query);
        graphqlPoints.addAndGet(cost);
        ObjectNode data = JSON.createObjectNode();
        ArrayNode errors = JSON.createArrayNode();
        Matcher m = REPOSITORY_ALIAS.matcher(query);
        List<int[]> regions = new ArrayList<>();
        while (m.find()) {
            regions.add(new int[] {m.start(), m.end()});
        }
        m.reset();
        int index = 0;
        while (m.find()) {
            int[] region = regions.get(index++);
            String scope = query.substring(region[1], index < regions.size() ? regions.get(index)[0] : query.length());
            String alias = m.group(1);
            Repo repo = repos.get(m.group(2) + "/" + m.group(3));
            if (repo == null) {
                data.putNull(alias);
                errors.add(JSON.createObjectNode().put("type", "NOT_FOUND").put("message",
                        "Could not resolve to a Repository with the name '" + m.group(2) + "/" + m.group(3) + "'.")
                        .set("path", JSON.createArrayNode().add(alias)));
                continue;
            }
            JsonNode fixture = profileGraphql(repo.profile);
            ObjectNode node = fixture.path("repository").deepCopy();
            node.put("nameWithOwner", repo.fullName()).put("isArchived", repo.archived).put("isFork", repo.fork);
            node.set("defaultBranchRef", JSON.createObjectNode().put("name", "main")
                    .set("target", JSON.createObjectNode().put("oid", sha1(repo.fullName() + repo.files))));
            Matcher o = OBJECT_ALIAS.matcher(scope);
            while (o.find()) {
                String path = o.group(2).substring(o.group(2).indexOf(':') + 1);
                node.set(o.group(1), o.group(1).equals("gh") ? tree(repo.files, ".github") : blob(repo.files, path));
            }
            for (JsonNode e : fixture.path("errors")) {
                ObjectNode error = e.deepCopy();
                ArrayNode p = JSON.createArrayNode().add(alias);
                e.path("path").forEach(p::add);
                error.set("path", p);
                errors.add(error);
                node.putNull(e.path("path").get(0).asText());
            }
            data.set(alias, node);
        }
        ObjectNode out = JSON.createObjectNode();
        out.set("data", data);
        if (!errors.isEmpty()) {
            out.set("errors", errors);
        }
        send(ex, 200, Map.of(), JSON.writeValueAsString(out), "graphql", false);
    }

    private JsonNode profileGraphql(String profile) {
        Path p = ROOT.resolve("profiles/" + profile + "/graphql.json");
        return read(ROOT.relativize(Files.isRegularFile(p) ? p : ROOT.resolve("profiles/_defaults/graphql.json")).toString());
    }

    /** GitHub's GraphQL cost: requests needed for each connection (first: N, times its parents'), over 100, at least 1. */
    static int cost(String query) {
        List<Integer> stack = new ArrayList<>();
        stack.add(1);
        int pending = 1;
        long requests = 0;
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            if (c == '(') {
                int close = query.indexOf(')', i);
                Matcher first = Pattern.compile("(?:first|last)\\s*:\\s*(\\d+)").matcher(query.substring(i, close));
                int parent = stack.get(stack.size() - 1);
                if (first.find()) {
                    requests += parent;
                    pending = parent * Integer.parseInt(first.group(1));
                }
                i = close;
            } else if (c == '{') {
                stack.add(pending == 0 ? stack.get(stack.size() - 1) : pending);
                pending = 0;
            } else if (c == '}') {
                stack.remove(stack.size() - 1);
                pending = 0;
            } else if (Character.isLetter(c) && pending != 0 && i > 0 && Character.isWhitespace(query.charAt(i - 1))) {
                pending = 0;
            }
        }
        return (int) Math.max(1, Math.round(requests / 100.0));
    }

    private JsonNode tree(String files, String path) {
        Path dir = ROOT.resolve("files/" + files).resolve(path);
        if (!Files.isDirectory(dir)) {
            return JSON.nullNode();
        }
        ArrayNode entries = JSON.createArrayNode();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.sorted().toList()) {
                String child = path + "/" + p.getFileName();
                ObjectNode e = JSON.createObjectNode().put("name", p.getFileName().toString()).put("path", child)
                        .put("type", Files.isDirectory(p) ? "tree" : "blob");
                e.set("object", Files.isDirectory(p) ? tree(files, child) : blob(files, child));
                entries.add(e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return JSON.createObjectNode().set("entries", entries);
    }

    private JsonNode blob(String files, String path) {
        Path p = ROOT.resolve("files/" + files).resolve(path);
        if (!Files.isRegularFile(p)) {
            return JSON.nullNode();
        }
        try {
            String text = Files.readString(p);
            return JSON.createObjectNode().put("text", text).put("byteSize", text.getBytes(StandardCharsets.UTF_8).length)
                    .put("isBinary", false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- code scanning

    private void upload(HttpExchange ex, String path, byte[] body) throws IOException {
        Matcher m = Pattern.compile("^/repos/([^/]+)/([^/]+)/code-scanning/sarifs$").matcher(path);
        if (!m.matches() || !repos.containsKey(m.group(1) + "/" + m.group(2))) {
            Answer a = notFound();
            send(ex, a.status, a.headers, a.body, "core", false);
            return;
        }
        if (uploadStatus != 202) {
            send(ex, uploadStatus, Map.of(), JSON.writeValueAsString(JSON.createObjectNode().put("message", uploadError)
                    .put("documentation_url", "https://docs.github.com/rest/code-scanning")), "core", false);
            return;
        }
        JsonNode request = JSON.readTree(body);
        byte[] gz = Base64.getDecoder().decode(request.path("sarif").asText());
        String sarif;
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            sarif = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String overLimit = gz.length > 10 * 1024 * 1024 ? "413" : overLimit(JSON.readTree(sarif));
        if (overLimit != null) {
            boolean tooLarge = overLimit.equals("413");
            send(ex, tooLarge ? 413 : 400, Map.of(), JSON.writeValueAsString(JSON.createObjectNode()
                    .put("message", tooLarge ? "Payload Too Large" : overLimit)
                    .put("documentation_url", "https://docs.github.com/rest/code-scanning")), "core", false);
            return;
        }
        uploads.add(new Upload(request.path("commit_sha").asText(null), request.path("ref").asText(null),
                request.path("checkout_uri").asText(null), sarif));
        String id = "sarif-" + uploads.size();
        synchronized (sarifOutcomes) {
            List<String> states = new ArrayList<>(Collections.nCopies(pendingPolls, "pending"));
            states.add(sarifFailure == null ? "complete" : "failed");
            sarifOutcomes.put(id, states);
        }
        ObjectNode answer = (ObjectNode) read("templates/sarif-upload.json");
        answer.put("id", id).put("url", url() + "/repos/" + m.group(1) + "/" + m.group(2) + "/code-scanning/sarifs/" + id);
        send(ex, 202, Map.of(), JSON.writeValueAsString(answer), "core", false);
    }

    /** Which of GitHub's SARIF upload limits a log breaks (null: none): 20 runs, 25,000 results a run, 1,000 locations a result, 20 tags a rule. */
    static String overLimit(JsonNode sarif) {
        if (sarif.path("runs").size() > 20) {
            return "SARIF has " + sarif.path("runs").size() + " runs; at most 20 are allowed";
        }
        for (JsonNode run : sarif.path("runs")) {
            if (run.path("results").size() > 25_000) {
                return "a run has " + run.path("results").size() + " results; at most 25000 are allowed";
            }
            for (JsonNode result : run.path("results")) {
                if (result.path("locations").size() > 1_000 || result.path("relatedLocations").size() > 1_000) {
                    return "a result has over 1000 locations";
                }
            }
            for (JsonNode rule : run.path("tool").path("driver").path("rules")) {
                if (rule.path("properties").path("tags").size() > 20) {
                    return "rule " + rule.path("id").asText() + " has over 20 tags";
                }
            }
        }
        return null;
    }

    private Answer sarifStatus(String id) {
        String state;
        synchronized (sarifOutcomes) {
            List<String> states = sarifOutcomes.get(id);
            if (states == null) {
                return notFound();
            }
            state = states.size() > 1 ? states.remove(0) : states.get(0);
        }
        ObjectNode body = (ObjectNode) read("templates/sarif-status.json");
        body.put("processing_status", state);
        if (state.equals("failed")) {
            ArrayNode errors = body.putArray("errors");
            sarifFailure.forEach(errors::add);
            body.remove("analyses_url");
        } else if (!state.equals("complete")) {
            body.remove("analyses_url");
        }
        return ok(body);
    }

    // ---------------------------------------------------------------- plumbing

    private void send(HttpExchange ex, int status, Map<String, String> headers, String body, String resource, boolean free)
            throws IOException {
        AtomicInteger used = resource.equals("graphql") ? graphqlPoints : corePoints;
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        ex.getResponseHeaders().set("X-RateLimit-Limit", "5000");
        ex.getResponseHeaders().set("X-RateLimit-Remaining", String.valueOf(Math.max(0, 5000 - used.get())));
        ex.getResponseHeaders().set("X-RateLimit-Used", String.valueOf(used.get()));
        ex.getResponseHeaders().set("X-RateLimit-Reset", String.valueOf(System.currentTimeMillis() / 1000 + 3600));
        ex.getResponseHeaders().set("X-RateLimit-Resource", resource);
        headers.forEach((k, v) -> ex.getResponseHeaders().set(k, v));
        log.add(ex.getRequestMethod() + " " + ex.getRequestURI() + " " + status);
        if (body == null || status == 304) {
            ex.sendResponseHeaders(status, -1);
            ex.close();
            return;
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    static JsonNode read(String relative) {
        served.add(relative);
        try {
            return JSON.readTree(ROOT.resolve(relative).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw != null) {
            for (String part : raw.split("&")) {
                int eq = part.indexOf('=');
                if (eq > 0) {
                    out.put(decode(part.substring(0, eq)), decode(part.substring(eq + 1)));
                }
            }
        }
        return out;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    static String sha256(String s) {
        return hash("SHA-256", s);
    }

    static String sha1(String s) {
        return hash("SHA-1", s);
    }

    private static String hash(String algorithm, String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path resources() {
        try {
            return Path.of(FakeGitHub.class.getResource("/github/rest-schemas.json").toURI()).getParent().getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
