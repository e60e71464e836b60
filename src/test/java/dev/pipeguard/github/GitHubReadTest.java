package dev.pipeguard.github;

import dev.pipeguard.model.BranchProtection;
import dev.pipeguard.model.Environment;
import dev.pipeguard.model.Repository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading one repository through the fake GitHub: files, protection from classic rules and rulesets, environments, visibility. */
class GitHubReadTest {

    static FakeGitHub fake;

    @BeforeAll
    static void start() throws IOException {
        fake = FakeWorlds.acme();
    }

    @AfterAll
    static void stop() {
        fake.close();
    }

    static GitHubReader.Read read(String name) throws IOException {
        GitHubApi api = GitHubApi.connect(fake.url(), FakeWorlds.TOKEN, null, 4, m -> { }, 10, 5_000);
        return new GitHubReader(api).read("acme/" + name, null);
    }

    @Test
    void readsWorkflowsActionsAndLocalActionsOutsideDotGithub() throws IOException {
        Repository repo = read("app").repository();
        assertEquals("acme/app", repo.name());
        assertEquals(List.of(".github/workflows/ci.yml"), repo.workflows().stream().map(w -> w.path()).toList());
        assertEquals(List.of(".github/actions/setup/action.yml", "tools/lint/action.yml"),
                repo.actions().stream().map(a -> a.path()).sorted().toList());
        assertEquals(List.of(), repo.problems());
    }

    @Test
    void classicProtectionIsRead() throws IOException {
        BranchProtection main = read("app").repository().settings().branches().get("main");
        assertEquals(true, main.isProtected());
        assertEquals("classic", main.source());
        assertEquals(List.of("test"), main.requiredStatusChecks());
        assertEquals(1, main.requiredApprovingReviewCount());
        assertEquals(true, main.enforceAdmins());
    }

    @Test
    void aBranchProtectedOnlyByARulesetIsProtected() throws IOException {
        BranchProtection main = read("rules").repository().settings().branches().get("main");
        assertEquals(true, main.isProtected());
        assertEquals("ruleset", main.source());
        assertEquals(2, main.requiredApprovingReviewCount());
        assertEquals(List.of("build", "test (3.12)"), main.requiredStatusChecks());
        assertEquals(false, main.allowForcePushes());
        assertEquals(false, main.allowDeletions());
    }

    @Test
    void anEvaluateRulesetDoesNotProtect() throws IOException {
        BranchProtection main = read("trial").repository().settings().branches().get("main");
        assertEquals(false, main.isProtected());
        assertEquals("none", main.source());
    }

    @Test
    void unreadableClassicProtectionIsUnknownNotUnprotected() throws IOException {
        GitHubReader.Read read = read("locked");
        BranchProtection main = read.repository().settings().branches().get("main");
        assertNull(main.isProtected(), "invisible protection must be unknown");
        assertNull(read.repository().settings().secrets().repository());
        assertNull(read.repository().settings().defaultWorkflowPermissions());
        assertTrue(read.notes().stream().anyMatch(n -> n.startsWith("classic branch protection is unknown") && n.contains("admin")),
                read.notes().toString());
        assertTrue(read.notes().stream().anyMatch(n -> n.startsWith("repository secrets are unknown") && n.contains("secrets: read")),
                read.notes().toString());
    }

    @Test
    void environmentsWithAndWithoutReviewers() throws IOException {
        GitHubReader.Read read = read("deployer");
        Map<String, Environment> envs = read.repository().settings().environments();
        Environment production = envs.get("production");
        assertEquals(List.of("octocat", "acme/justice-league"), production.requiredReviewers());
        assertEquals(1, production.requiredReviewerCount());
        assertEquals(30, production.waitTimer());
        assertEquals("custom", production.deploymentBranchPolicy());
        assertEquals(List.of("main", "refs/tags/v*"), production.deploymentBranchPatterns());
        assertEquals(true, production.preventSelfReview());
        Environment staging = envs.get("staging");
        assertEquals(List.of(), staging.requiredReviewers());
        assertEquals(0, staging.requiredReviewerCount());
        assertEquals("all", staging.deploymentBranchPolicy());
        assertEquals(List.of("DEPLOY_KEY"), read.repository().settings().secrets().environments().get("production"));
        assertEquals("public", read.repository().settings().visibility());
    }

    @Test
    void a502ThenSuccessIsRetried() throws IOException {
        fake.fault("/repos/acme/app/actions/secrets$", 502, Map.of(), "{\"message\":\"Server Error\"}", 1);
        GitHubReader.Read read = read("app");
        assertEquals(List.of("CODECOV_TOKEN"), read.repository().settings().secrets().repository());
    }

    @Test
    void aSecondaryRateLimitWaitsForRetryAfter() throws IOException {
        fake.fault("/repos/acme/app/environments$", 403, Map.of("Retry-After", "1"),
                "{\"message\":\"You have exceeded a secondary rate limit. Please wait a few minutes before you try again.\"}", 1);
        long start = System.nanoTime();
        GitHubReader.Read read = read("app");
        assertTrue(System.nanoTime() - start >= 900_000_000L, "waited for Retry-After");
        assertEquals(Map.of(), read.repository().settings().environments());
    }
}
