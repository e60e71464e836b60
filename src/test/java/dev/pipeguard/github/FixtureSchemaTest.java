package dev.pipeguard.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every REST body the fake GitHub serves validates against the response schema GitHub's REST
 * description gives for that operation and status (kept in {@code github/rest-schemas.json} by
 * {@code scripts/extract-github-schemas.py}), and every fixture file is served by some request here.
 * GraphQL bodies have no REST schema; they are shaped after GitHub's GraphQL schema by hand.
 */
class FixtureSchemaTest {

    private static final JsonNode SCHEMAS = FakeGitHub.read("../rest-schemas.json");
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void everyServedBodyMatchesTheRestDescription() throws Exception {
        List<String> failures = new ArrayList<>();
        try (FakeGitHub fake = FakeWorlds.acme()) {
            List<String> paths = new ArrayList<>(List.of("/orgs/acme", "/orgs/acme/repos?per_page=2", "/orgs/acme/repos?per_page=2&page=4",
                    "/orgs/acme/actions/secrets", "/orgs/acme/actions/secrets/DEPLOY_TOKEN/repositories", "/rate_limit",
                    "/users/octo", "/users/octo/repos"));
            for (String repo : List.of("app", "rules", "trial", "locked", "deployer", "old")) {
                for (String tail : List.of("", "/environments", "/actions/secrets", "/actions/organization-secrets",
                        "/actions/permissions/workflow")) {
                    paths.add("/repos/acme/" + repo + tail);
                }
            }
            for (String env : List.of("production", "staging")) {
                paths.add("/repos/acme/deployer/environments/" + env + "/secrets");
            }
            paths.add("/repos/acme/deployer/environments/production/deployment-branch-policies");
            try (FakeGitHub other = new FakeGitHub(FakeWorlds.TOKEN).org("solo")) {
                other.repo("solo", "x", "classic", "basic");
                check(other, "GET", "/orgs/solo/actions/secrets", null, failures);
            }
            for (String p : paths) {
                check(fake, "GET", p, null, failures);
            }
            String sarif = Base64.getEncoder().encodeToString(gzip("{\"version\":\"2.1.0\",\"runs\":[]}"));
            String upload = "{\"commit_sha\":\"" + "a".repeat(40) + "\",\"ref\":\"refs/heads/main\",\"sarif\":\"" + sarif + "\"}";
            JsonNode created = check(fake, "POST", "/repos/acme/app/code-scanning/sarifs", upload, failures);
            check(fake, "GET", "/repos/acme/app/code-scanning/sarifs/" + created.path("id").asText(), null, failures);
            check(fake, "GET", "/repos/acme/app/code-scanning/sarifs/" + created.path("id").asText(), null, failures);
            fake.sarifProcessing(0, List.of("locationFromSarifResult: expected artifact location"));
            created = check(fake, "POST", "/repos/acme/app/code-scanning/sarifs", upload, failures);
            check(fake, "GET", "/repos/acme/app/code-scanning/sarifs/" + created.path("id").asText(), null, failures);
        }
        try (FakeGitHub app = FakeWorlds.acmeWithApp().user("octo")) {
            String jwt = new GitHubApp(FakeWorlds.APP_ID, FakeWorlds.APP_KEYS.getPrivate(), null,
                    GitHubApp.Target.organization("acme"), java.time.Clock.systemUTC()).jwt();
            app.app(FakeWorlds.APP_ID, FakeWorlds.APP_KEYS.getPublic(), FakeWorlds.INSTALLATION, "acme", "octo");
            for (String p : List.of("/orgs/acme/installation", "/repos/acme/app/installation", "/users/octo/installation",
                    "/repos/acme/nothing/installation")) {
                check(app, "GET", p, null, failures, jwt);
            }
            check(app, "POST", "/app/installations/" + FakeWorlds.INSTALLATION + "/access_tokens", "{}", failures, jwt);
            check(app, "POST", "/app/installations/1/access_tokens", "{}", failures, jwt);
        }
        assertEquals(List.of(), failures);
        List<String> unserved;
        try (Stream<Path> s = Files.walk(FakeGitHub.ROOT)) {
            unserved = s.filter(p -> p.toString().endsWith(".json") && !p.getFileName().toString().equals("graphql.json"))
                    .map(p -> FakeGitHub.ROOT.relativize(p).toString())
                    .filter(p -> !FakeGitHub.served.contains(p)).sorted().toList();
        }
        assertEquals(List.of(), unserved, "fixture files no request here served, so none validated them");
    }

    @Test
    void graphqlCostFollowsGitHubsFormula() {
        assertEquals(1, FakeGitHub.cost("query { viewer { login } }"));
        // 1 + 50 requests for repositories(first: 50) { issues(first: 10) } over 100, rounded: 1
        assertEquals(1, FakeGitHub.cost("query { viewer { repositories(first: 50) { nodes { issues(first: 10) { nodes { title } } } } } }"));
        // 1 + 100 + 100*50 = 5101 requests: 51 points
        assertEquals(51, FakeGitHub.cost("query { viewer { repositories(first: 100) { nodes { issues(first: 50) { nodes { labels(first: 60) { nodes { name } } } } } } } }"));
    }

    private JsonNode check(FakeGitHub fake, String method, String path, String body, List<String> failures) throws Exception {
        return check(fake, method, path, body, failures, FakeWorlds.TOKEN);
    }

    private JsonNode check(FakeGitHub fake, String method, String path, String body, List<String> failures, String token)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(fake.url() + path))
                .header("Authorization", "Bearer " + token);
        request = body == null ? request.GET() : request.POST(HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = FakeGitHub.JSON.readTree(response.body());
        String operation = operation(method, path.replaceAll("\\?.*", ""));
        JsonNode schema = SCHEMAS.path("operations").path(operation).path(String.valueOf(response.statusCode()));
        if (schema.isMissingNode()) {
            if (response.statusCode() < 400) {
                failures.add(method + " " + path + ": status " + response.statusCode() + " is not in the description");
                return json;
            }
            schema = FakeGitHub.JSON.createObjectNode().put("$ref", "#/definitions/basic-error");
        }
        Set<ValidationMessage> errors = validator(schema).validate(json);
        if (!errors.isEmpty()) {
            failures.add(method + " " + path + " (" + operation + " " + response.statusCode() + "): " + errors);
        }
        return json;
    }

    private static String operation(String method, String path) {
        Iterator<String> names = SCHEMAS.path("operations").fieldNames();
        while (names.hasNext()) {
            String op = names.next();
            String[] parts = op.split(" ", 2);
            if (parts[0].equals(method) && path.matches(parts[1].replaceAll("\\{[^}]+}", "[^/]+"))) {
                return op;
            }
        }
        throw new AssertionError("no operation in rest-schemas.json for " + method + " " + path
                + " (add it to scripts/extract-github-schemas.py)");
    }

    private static JsonSchema validator(JsonNode operationSchema) {
        ObjectNode schema = FakeGitHub.JSON.createObjectNode();
        schema.put("$schema", "http://json-schema.org/draft-07/schema#");
        schema.set("definitions", SCHEMAS.path("definitions"));
        schema.putArray("allOf").add(operationSchema);
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(schema);
    }

    private static byte[] gzip(String s) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(s.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    @SuppressWarnings("unused")
    private static Map<String, String> none() {
        return Map.of();
    }
}
