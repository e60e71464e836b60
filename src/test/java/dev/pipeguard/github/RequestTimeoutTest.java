package dev.pipeguard.github;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A request GitHub never answers times out and is retried; one that never answers at all fails in bounded time. */
class RequestTimeoutTest {

    private static GitHubApi api(FakeGitHub fake, List<String> log) throws IOException {
        return GitHubApi.connect(fake.url(), () -> FakeWorlds.TOKEN, null, 2, log::add, 10, 5_000, Duration.ofMillis(500));
    }

    @Test
    void aHangingEndpointTimesOutAndIsRetried() throws IOException {
        try (FakeGitHub fake = FakeWorlds.acme()) {
            fake.hang("/repos/acme/app/actions/secrets$", 10_000, 1);
            List<String> log = new CopyOnWriteArrayList<>();
            long start = System.nanoTime();
            GitHubApi.Response r = api(fake, log).getAll("/repos/acme/app/actions/secrets", "secrets");
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(r.ok());
            assertEquals("CODECOV_TOKEN", r.body().get(0).path("name").asText());
            assertTrue(millis < 5_000, "took " + millis + " ms");
            assertTrue(log.stream().anyMatch(l -> l.contains("/repos/acme/app/actions/secrets") && l.contains("timed out")
                    && l.contains("attempt 2 of")), log.toString());
        }
    }

    @Test
    void anEndpointThatNeverAnswersFailsAfterEveryAttempt() throws IOException {
        try (FakeGitHub fake = FakeWorlds.acme()) {
            fake.hang("/repos/acme/app$", 3_000, Transport.ATTEMPTS);
            List<String> log = new CopyOnWriteArrayList<>();
            long start = System.nanoTime();
            IOException e = assertThrows(IOException.class, () -> api(fake, log).get("/repos/acme/app"));
            assertTrue(e.getMessage().contains("no answer within"), e.getMessage());
            assertTrue((System.nanoTime() - start) / 1_000_000 < 3_000 * Transport.ATTEMPTS, "bounded");
            assertEquals(Transport.ATTEMPTS - 1, log.stream().filter(l -> l.contains("timed out")).count(), log.toString());
        }
    }
}
