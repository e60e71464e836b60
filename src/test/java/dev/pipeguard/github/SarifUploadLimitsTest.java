package dev.pipeguard.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * GitHub's code scanning limits, kept by {@link SarifUpload} with a warning rather than a rejected
 * upload: 20 runs an upload, 25,000 results a run, 1,000 locations a result, 20 tags a rule, and
 * 10 MB gzipped. The SARIF is generated here, as large as the limit needs; its text is random so
 * that gzip cannot shrink it below 10 MB.
 */
class SarifUploadLimitsTest {

    @TempDir
    Path tmp;

    private final List<String> warnings = new ArrayList<>();
    private final Random random = new Random(42);

    private SarifUpload uploader() {
        return new SarifUpload(null, warnings::add, 1, 1_000);
    }

    @Test
    void over20RunsAreSplitAcrossUploads() throws IOException {
        ObjectNode log = sarif(45, 1, 1, 1, 0);
        List<byte[]> parts = uploader().prepare(log);
        assertEquals(3, parts.size());
        assertEquals(List.of(20, 20, 5), parts.stream().map(p -> unzip(p).path("runs").size()).toList());
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("45 runs") && warnings.get(0).contains("3 uploads"), warnings.get(0));
    }

    @Test
    void over25000ResultsInARunAreTrimmed() throws IOException {
        ObjectNode log = sarif(1, 25_007, 1, 1, 0);
        JsonNode sent = unzip(uploader().prepare(log).get(0));
        assertEquals(25_000, sent.path("runs").get(0).path("results").size());
        assertEquals("result 0", sent.path("runs").get(0).path("results").get(0).path("message").path("text").asText(),
                "the first results are kept");
        assertEquals(List.of("SARIF run has 25007 results, over GitHub's 25000; kept the first 25000"), warnings);
    }

    @Test
    void over1000LocationsAndOver20TagsAreTrimmed() throws IOException {
        ObjectNode log = sarif(1, 3, 1_004, 23, 0);
        JsonNode run = unzip(uploader().prepare(log).get(0)).path("runs").get(0);
        for (JsonNode result : run.path("results")) {
            assertEquals(1_000, result.path("locations").size());
            assertEquals(1_000, result.path("relatedLocations").size());
        }
        assertEquals(20, run.path("tool").path("driver").path("rules").get(0).path("properties").path("tags").size());
        assertEquals(List.of("3 results had over 1000 locations; kept the first 1000",
                "rule rule-0 has 23 tags, over GitHub's 20; kept the first 20"), warnings.subList(0, 2));
    }

    @Test
    void withinEveryLimitNothingIsTouchedOrSaid() throws IOException {
        for (ObjectNode log : List.of(sarif(20, 1, 1_000, 20, 0), sarif(1, 25_000, 1, 1, 0))) {
            List<byte[]> parts = uploader().prepare(log.deepCopy());
            assertEquals(1, parts.size());
            assertEquals(log, unzip(parts.get(0)));
        }
        assertEquals(List.of(), warnings);
    }

    @Test
    void over10MegabytesGzippedSplitsRunsThenTrimsResults() throws IOException {
        // Two runs of about 6.5 MB gzipped each: together over the limit, each alone under it.
        ObjectNode twoRuns = sarif(2, 300, 1, 1, 30_000);
        assertTrue(SarifUpload.gzip(twoRuns).length > SarifUpload.MAX_GZIPPED, "the generated SARIF is over 10 MB gzipped");
        List<byte[]> parts = uploader().prepare(twoRuns);
        assertEquals(2, parts.size());
        for (byte[] part : parts) {
            assertTrue(part.length <= SarifUpload.MAX_GZIPPED, part.length + " bytes");
            assertEquals(300, unzip(part).path("runs").get(0).path("results").size(), "no result lost when splitting suffices");
        }
        assertTrue(warnings.stream().anyMatch(w -> w.contains("over GitHub's 10 MB; splitting its runs")), warnings.toString());

        // One run of about 13 MB gzipped: it cannot be split, so its last results go.
        warnings.clear();
        ObjectNode oneRun = sarif(1, 600, 1, 1, 30_000);
        List<byte[]> trimmed = uploader().prepare(oneRun);
        assertEquals(1, trimmed.size());
        assertTrue(trimmed.get(0).length <= SarifUpload.MAX_GZIPPED, trimmed.get(0).length + " bytes");
        int kept = unzip(trimmed.get(0)).path("runs").get(0).path("results").size();
        assertTrue(kept > 0 && kept < 600, "kept " + kept);
        assertEquals(List.of("SARIF run is over GitHub's 10 MB gzipped; kept its first " + kept + " results"), warnings);
    }

    /** End to end: the fake GitHub refuses what is over a limit, as GitHub does, so a processed upload proves the limits were kept. */
    @Test
    void anOversizedSarifUploadsInPartsTheFakeAccepts() throws IOException {
        try (FakeGitHub fake = FakeWorlds.acme()) {
            Path file = tmp.resolve("big.sarif");
            FakeGitHub.JSON.writeValue(file.toFile(), sarif(23, 2, 1_001, 21, 0));
            GitHubApi api = GitHubApi.connect(fake.url(), FakeWorlds.TOKEN, null, 2, m -> { }, 10, 5_000);
            SarifUpload.Outcome outcome = new SarifUpload(api, warnings::add, 1, 1_000)
                    .upload("acme/app", file, "a".repeat(40), "refs/heads/main");
            assertTrue(outcome.ok(), outcome.message());
            assertEquals(2, fake.uploads.size());
            assertEquals(List.of(20, 3), fake.uploads.stream().map(u -> read(u.sarif()).path("runs").size()).toList());
            assertEquals(3, warnings.size(), warnings.toString());

            GitHubApi.Response refused = api.post("/repos/acme/app/code-scanning/sarifs", FakeGitHub.JSON.createObjectNode()
                    .put("commit_sha", "a".repeat(40)).put("ref", "refs/heads/main")
                    .put("sarif", Base64.getEncoder().encodeToString(SarifUpload.gzip(sarif(21, 1, 1, 1, 0)))));
            assertEquals(400, refused.status(), "the fake enforces the limits it is meant to test");
        }
    }

    /**
     * A SARIF log: {@code runs} runs of {@code results} results, each with {@code locations} locations and as many
     * related locations, one rule with {@code tags} tags, and {@code noise} random characters in each message.
     */
    private ObjectNode sarif(int runs, int results, int locations, int tags, int noise) {
        ObjectNode log = FakeGitHub.JSON.createObjectNode().put("version", "2.1.0");
        ArrayNode runArray = log.putArray("runs");
        byte[] bytes = new byte[noise * 3 / 4];
        for (int r = 0; r < runs; r++) {
            ObjectNode run = runArray.addObject();
            ObjectNode rule = run.putObject("tool").putObject("driver").put("name", "pipeguard").putArray("rules").addObject()
                    .put("id", "rule-0");
            ArrayNode tagArray = rule.putObject("properties").putArray("tags");
            for (int t = 0; t < tags; t++) {
                tagArray.add("tag-" + t);
            }
            ArrayNode resultArray = run.putArray("results");
            for (int i = 0; i < results; i++) {
                random.nextBytes(bytes);
                ObjectNode result = resultArray.addObject().put("ruleId", "rule-0");
                result.putObject("message").put("text", "result " + i + (noise == 0 ? "" : " " + Base64.getEncoder().encodeToString(bytes)));
                for (String field : List.of("locations", "relatedLocations")) {
                    ArrayNode locationArray = result.putArray(field);
                    for (int l = 0; l < locations; l++) {
                        locationArray.addObject().putObject("physicalLocation").putObject("artifactLocation")
                                .put("uri", ".github/workflows/ci.yml");
                    }
                }
            }
        }
        return log;
    }

    private static JsonNode unzip(byte[] gz) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return FakeGitHub.JSON.readTree(in);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static JsonNode read(String json) {
        try {
            return FakeGitHub.JSON.readTree(json);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
