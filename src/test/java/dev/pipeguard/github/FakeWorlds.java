package dev.pipeguard.github;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Arrays;
import java.util.Base64;

/**
 * The fake worlds the tests read: {@code acme}, an organisation with one repository a situation (and
 * the user {@code octo} beside it), and {@code big}, 200 plain ones; and the fake GitHub App's key.
 */
final class FakeWorlds {

    static final String TOKEN = "ghp_FAKEtokenFAKEtokenFAKEtokenFAKE0123";
    static final String APP_ID = "123";
    static final long INSTALLATION = 4242;
    /** The fake app's key pair, made once a test run so no private key sits in the repository. */
    static final KeyPair APP_KEYS = keys();

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
        // NOTE: a user beside the organisation, for --user; its repository carries its own .github/pipeguard.yml.
        fake.user("octo").repo("octo", "dotfiles", "classic", "configured");
        return fake;
    }

    /** acme with the pipeguard GitHub App installed on the organisation. */
    static FakeGitHub acmeWithApp() throws IOException {
        return acme().app(APP_ID, APP_KEYS.getPublic(), INSTALLATION, "acme");
    }

    /** Writes the app's private key as GitHub hands it out (PKCS#1, {@code BEGIN RSA PRIVATE KEY}) or as PKCS#8. */
    static Path writeKey(Path file, boolean pkcs1) throws IOException {
        byte[] pkcs8 = APP_KEYS.getPrivate().getEncoded();
        byte[] der = pkcs1 ? pkcs1(pkcs8) : pkcs8;
        String label = pkcs1 ? "RSA PRIVATE KEY" : "PRIVATE KEY";
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        Files.writeString(file, "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n");
        return file;
    }

    /** The line of the key file's base64 that tests grep outputs for. */
    static String keyMaterial() {
        return Base64.getEncoder().encodeToString(APP_KEYS.getPrivate().getEncoded()).substring(100, 164);
    }

    /** The RSAPrivateKey inside a PKCS#8 PrivateKeyInfo: the contents of its third element, an OCTET STRING. */
    private static byte[] pkcs1(byte[] pkcs8) {
        int[] at = {0};
        header(pkcs8, at);
        for (int skip = 0; skip < 2; skip++) {
            int length = header(pkcs8, at);
            at[0] += length;
        }
        int length = header(pkcs8, at);
        return Arrays.copyOfRange(pkcs8, at[0], at[0] + length);
    }

    private static int header(byte[] der, int[] at) {
        at[0]++;
        int first = der[at[0]++] & 0xff;
        if (first < 0x80) {
            return first;
        }
        int length = 0;
        for (int i = 0; i < (first & 0x7f); i++) {
            length = (length << 8) | (der[at[0]++] & 0xff);
        }
        return length;
    }

    private static KeyPair keys() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
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
