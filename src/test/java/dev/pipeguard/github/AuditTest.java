package dev.pipeguard.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Auditing fake organisations: filters, reports, shards, resume, and what the rate limit is charged. */
class AuditTest {

    /** The official SARIF 2.1.0 schema, as in the check tests (e2e.Checks). */
    private static final JsonSchema SARIF_SCHEMA = sarifSchema();

    @TempDir
    Path tmp;

    private static JsonSchema sarifSchema() {
        try (InputStream in = Files.newInputStream(Path.of("schemas", "sarif-2.1.0.schema.json"))) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private OrgAudit audit(FakeGitHub fake, String org, Path reports, Path cache, int shard, int of, boolean resume, List<String> log)
            throws IOException {
        GitHubApi api = GitHubApi.connect(fake.url(), FakeWorlds.TOKEN, cache, 8, log::add, 10, 5_000);
        return new OrgAudit(api, new OrgAudit.Options(org, null, null, false, false, shard, of, resume, reports, 8, List.of()),
                log::add);
    }

    @Test
    void auditOfAcmeSkipsArchivedAndForksAndWritesEveryReport() throws IOException {
        try (FakeGitHub fake = FakeWorlds.acme()) {
            Path reports = tmp.resolve("reports");
            List<String> log = new ArrayList<>();
            ObjectNode summary = audit(fake, "acme", reports, tmp.resolve("cache"), 1, 1, false, log).run();
            AuditReports.writeAll(summary, reports);
            assertEquals("archived", summary.path("skipped").path("acme/old").asText());
            assertEquals("fork", summary.path("skipped").path("acme/forked").asText());
            Set<String> audited = new HashSet<>();
            for (JsonNode r : summary.path("repositories")) {
                audited.add(r.path("repository").asText());
                JsonNode sarif = FakeGitHub.JSON.readTree(reports.resolve(r.path("sarif").asText()).toFile());
                assertEquals("2.1.0", sarif.path("version").asText());
                assertEquals(1, sarif.path("runs").size());
                assertEquals(Set.of(), SARIF_SCHEMA.validate(sarif), r.path("sarif").asText() + " against SARIF 2.1.0");
            }
            assertEquals(Set.of("acme/app", "acme/rules", "acme/trial", "acme/locked", "acme/deployer"), audited);
            String html = Files.readString(reports.resolve("audit.html"));
            assertTrue(html.contains("<table id=\"audit\">") && html.contains("acme/locked"));
            assertFalse(html.contains("<script src") || html.contains("<link "), "self-contained");
            assertTrue(Files.readString(reports.resolve("audit.md")).contains("| acme/app |"));
            for (Path p : List.of(reports.resolve("audit.json"), reports.resolve("audit.md"), reports.resolve("audit.html"))) {
                assertFalse(Files.readString(p).contains(FakeWorlds.TOKEN));
            }
            assertFalse(String.join("\n", log).contains(FakeWorlds.TOKEN));
        }
    }

    @Test
    void shardsSplitDeterministicallyAndMergeBack() throws IOException {
        try (FakeGitHub fake = FakeWorlds.acme()) {
            List<String> log = new ArrayList<>();
            ObjectNode one = audit(fake, "acme", tmp.resolve("s1"), null, 1, 2, false, log).run();
            ObjectNode two = audit(fake, "acme", tmp.resolve("s2"), null, 2, 2, false, log).run();
            Set<String> a = names(one);
            Set<String> b = names(two);
            assertTrue(a.stream().noneMatch(b::contains));
            assertEquals(names(audit(fake, "acme", tmp.resolve("s1b"), null, 1, 2, false, log).run()), a);
            ObjectNode merged = AuditReports.merge(List.of(tmp.resolve("s1/audit.json"), tmp.resolve("s2/audit.json")));
            assertEquals(5, merged.path("repositories").size());
        }
    }

    @Test
    void resumeSkipsWhatIsDone() throws IOException {
        try (FakeGitHub fake = FakeWorlds.acme()) {
            List<String> log = new ArrayList<>();
            audit(fake, "acme", tmp.resolve("r"), null, 1, 1, false, log).run();
            fake.resetCounters();
            ObjectNode again = audit(fake, "acme", tmp.resolve("r"), null, 1, 1, true, log).run();
            assertEquals(5, again.path("repositories").size());
            assertEquals(0, fake.graphqlPoints(), "no repository read again");
        }
    }

    /** The budget: at most 4 points a repository cold, 0.2 warm, for 200 repositories over two listing pages. */
    @Test
    void rateLimitCostOfAuditingTwoHundredRepositories() throws IOException {
        try (FakeGitHub fake = FakeWorlds.big()) {
            Path cache = tmp.resolve("cache");
            List<String> log = new ArrayList<>();
            ObjectNode cold = audit(fake, "big", tmp.resolve("cold"), cache, 1, 1, false, log).run();
            assertEquals(200, cold.path("repositories").size(), "both listing pages read");
            double coldPoints = fake.points() / 200.0;
            double coldRequests = fake.requests() / 200.0;
            fake.resetCounters();
            ObjectNode warm = audit(fake, "big", tmp.resolve("warm"), cache, 1, 1, false, log).run();
            assertEquals(200, warm.path("repositories").size());
            double warmPoints = fake.points() / 200.0;
            double warmRequests = fake.requests() / 200.0;
            System.out.printf("rate limit per repository: cold %.2f points (%.2f requests), warm %.2f points (%.2f requests, %d answered 304)%n",
                    coldPoints, coldRequests, warmPoints, warmRequests, fake.notModified());
            assertTrue(coldPoints <= 4.0, "cold " + coldPoints);
            assertTrue(warmPoints <= 0.2, "warm " + warmPoints);
            assertTrue(fake.maxInFlight() <= 8, "in flight " + fake.maxInFlight());
        }
    }

    private static Set<String> names(JsonNode summary) {
        Set<String> out = new HashSet<>();
        summary.path("repositories").forEach(r -> out.add(r.path("repository").asText()));
        return out;
    }
}
