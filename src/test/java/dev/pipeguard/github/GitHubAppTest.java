package dev.pipeguard.github;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Authenticating as a GitHub App: the JWT, finding the installation, the installation token and its renewal. */
class GitHubAppTest {

    @TempDir
    Path tmp;

    private final List<String> log = new ArrayList<>();

    private GitHubApp app(Long installation, GitHubApp.Target target, boolean pkcs1) throws IOException {
        return new GitHubApp(FakeWorlds.APP_ID, FakeWorlds.writeKey(tmp.resolve(pkcs1 ? "app.pem" : "app8.pem"), pkcs1),
                installation, target);
    }

    @Test
    void theJwtIsRs256SignedByTheKeyWithTheAppAsIssuerForNineMinutes() throws Exception {
        for (boolean pkcs1 : List.of(true, false)) {
            String jwt = app(null, GitHubApp.Target.organization("acme"), pkcs1).jwt();
            String[] parts = jwt.split("\\.");
            assertEquals(3, parts.length);
            JsonNode header = FakeGitHub.JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
            JsonNode claims = FakeGitHub.JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            assertEquals("RS256", header.path("alg").asText());
            assertEquals(FakeWorlds.APP_ID, claims.path("iss").asText());
            assertEquals(600, claims.path("exp").asLong() - claims.path("iat").asLong());
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(FakeWorlds.APP_KEYS.getPublic());
            rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            assertTrue(rsa.verify(Base64.getUrlDecoder().decode(parts[2])), "pkcs1 " + pkcs1);
        }
    }

    @Test
    void findsTheInstallationOnTheRepositoryAndReadsWithItsToken() throws IOException {
        try (FakeGitHub fake = FakeWorlds.acmeWithApp()) {
            GitHubApi api = GitHubApi.connect(fake.url(), app(null, GitHubApp.Target.repository("acme/app"), true), null, 4, log::add);
            GitHubReader.Read read = new GitHubReader(api).read("acme/app", null);
            assertEquals(List.of("CODECOV_TOKEN"), read.repository().settings().secrets().repository());
            assertEquals(1, fake.installationTokensIssued(), "one token serves every request");
            assertTrue(fake.log().get(0).startsWith("GET /repos/acme/app/installation 200"), fake.log().toString());
            assertTrue(fake.log().get(1).startsWith("POST /app/installations/4242/access_tokens 201"), fake.log().toString());
        }
    }

    @Test
    void aGivenInstallationIdNeedsNoLookup() throws IOException {
        try (FakeGitHub fake = FakeWorlds.acmeWithApp()) {
            GitHubApi api = GitHubApi.connect(fake.url(), app(FakeWorlds.INSTALLATION, null, false), null, 4, log::add);
            new GitHubReader(api).settings("acme/rules", new ArrayList<>());
            assertTrue(fake.log().get(0).startsWith("POST /app/installations/4242/access_tokens 201"), fake.log().toString());
            assertTrue(fake.log().stream().noneMatch(l -> l.contains("/installation ")), fake.log().toString());
        }
    }

    @Test
    void anAppNotInstalledOnTheAccountSaysWhereAndWhatToDo() throws IOException {
        try (FakeGitHub fake = FakeWorlds.acme().user("someone").app(FakeWorlds.APP_ID, FakeWorlds.APP_KEYS.getPublic(),
                FakeWorlds.INSTALLATION, "acme")) {
            GitHubApi api = GitHubApi.connect(fake.url(), app(null, GitHubApp.Target.user("someone"), true), null, 4, log::add);
            IOException e = assertThrows(IOException.class, () -> api.get("/users/someone"));
            assertTrue(e.getMessage().contains("is not installed on someone") && e.getMessage().contains("--installation-id"),
                    e.getMessage());
        }
    }

    @Test
    void aKeyGitHubDoesNotKnowIsRefusedWithAReason() throws Exception {
        try (FakeGitHub fake = FakeWorlds.acme()) {
            var other = java.security.KeyPairGenerator.getInstance("RSA");
            other.initialize(2048);
            fake.app(FakeWorlds.APP_ID, other.generateKeyPair().getPublic(), FakeWorlds.INSTALLATION, "acme");
            GitHubApi api = GitHubApi.connect(fake.url(), app(FakeWorlds.INSTALLATION, null, true), null, 4, log::add);
            IOException e = assertThrows(IOException.class, () -> api.get("/repos/acme/app"));
            assertTrue(e.getMessage().contains("the app id or the private key is wrong"), e.getMessage());
            assertFalse(e.getMessage().contains(FakeWorlds.keyMaterial()));
        }
    }

    @Test
    void theInstallationTokenIsRenewedBeforeItExpires() throws Exception {
        try (FakeGitHub fake = FakeWorlds.acmeWithApp()) {
            fake.tokenLifetime(Duration.ofSeconds(4));
            GitHubApp app = new GitHubApp(FakeWorlds.APP_ID, GitHubApp.readKey(FakeWorlds.writeKey(tmp.resolve("k.pem"), true)),
                    FakeWorlds.INSTALLATION, null, Clock.systemUTC());
            app.renewBefore(Duration.ofSeconds(2));
            GitHubApi api = GitHubApi.connect(fake.url(), app, null, 1, log::add);
            assertTrue(api.get("/repos/acme/app").ok());
            assertTrue(api.get("/repos/acme/app/environments").ok());
            assertEquals(1, fake.installationTokensIssued());
            Thread.sleep(2_500);
            assertTrue(api.get("/repos/acme/app").ok(), "a fresh token, not the expiring one");
            assertEquals(2, fake.installationTokensIssued());
        }
    }

    @Test
    void unusableKeyFilesAreNamedNotQuoted() throws IOException {
        Path notPem = Files.writeString(tmp.resolve("key.txt"), "hunter2-secret-material");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GitHubApp.readKey(notPem));
        assertTrue(e.getMessage().contains("key.txt") && e.getMessage().contains("BEGIN RSA PRIVATE KEY"), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"));
        Path broken = Files.writeString(tmp.resolve("broken.pem"), "-----BEGIN RSA PRIVATE KEY-----\nMIIBhunter2\n-----END RSA PRIVATE KEY-----\n");
        e = assertThrows(IllegalArgumentException.class, () -> GitHubApp.readKey(broken));
        assertTrue(e.getMessage().contains("no usable RSA private key"), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"));
        assertThrows(IllegalArgumentException.class, () -> GitHubApp.readKey(tmp.resolve("missing.pem")));
    }
}
