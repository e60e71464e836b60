package dev.pipeguard.github;

import java.io.IOException;

/** The fake organisations the tests audit: {@code acme}, one repository a situation, and {@code big}, 200 plain ones. */
final class FakeWorlds {

    static final String TOKEN = "ghp_FAKEtokenFAKEtokenFAKEtokenFAKE0123";

    private FakeWorlds() {
    }

    static FakeGitHub acme() throws IOException {
        FakeGitHub fake = new FakeGitHub(TOKEN).org("acme");
        fake.repo("acme", "app", "classic", "basic")
                .repo("acme", "rules", "ruleset-only", "basic")
                .repo("acme", "trial", "evaluate-ruleset", "basic")
                .repo("acme", "locked", "no-admin", "basic")
                .repo("acme", "deployer", "environments", "deploy")
                .repo(new FakeGitHub.Repo("acme", "old", "classic", "basic", true, false, false))
                .repo(new FakeGitHub.Repo("acme", "forked", "classic", "basic", false, true, false));
        return fake;
    }

    /** 200 repositories: most plain, every tenth with environments. */
    static FakeGitHub big() throws IOException {
        FakeGitHub fake = new FakeGitHub(TOKEN).org("big");
        for (int i = 0; i < 200; i++) {
            boolean env = i % 10 == 0;
            fake.repo("big", String.format("svc-%03d", i), env ? "environments" : "classic", env ? "deploy" : "basic");
        }
        return fake;
    }
}
