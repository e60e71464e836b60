package dev.pipeguard.github;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.function.Consumer;

/**
 * Authenticates as a GitHub App installation: signs a JSON Web Token (RS256, valid 9 minutes,
 * {@code iss} the app id) with the app's private key, finds the installation (given, or the one on
 * the repository, organisation or user being read) and exchanges the JWT for an installation token,
 * which it renews before it expires. Neither the key nor any token appears in a message it makes.
 */
public final class GitHubApp {

    /** Which account's installation to use when no id is given: {@code repos/OWNER/NAME}, {@code orgs/ORG} or {@code users/USER}. */
    public record Target(String path) {
        public static Target repository(String fullName) {
            GitHubReader.split(fullName);
            return new Target("repos/" + fullName);
        }

        public static Target organization(String org) {
            return new Target("orgs/" + org);
        }

        public static Target user(String user) {
            return new Target("users/" + user);
        }
    }

    private final String appId;
    private final PrivateKey key;
    private final Long installationId;
    private final Target target;
    private final Clock clock;
    private Duration renewBefore = Duration.ofMinutes(5);
    private String token;
    private Instant expires = Instant.EPOCH;
    private Long resolvedInstallation;

    /** {@code installationId} null finds the installation on {@code target}. Throws IllegalArgumentException on an unusable key file. */
    public GitHubApp(String appId, Path keyFile, Long installationId, Target target) {
        this(appId, readKey(keyFile), installationId, target, Clock.systemUTC());
    }

    GitHubApp(String appId, PrivateKey key, Long installationId, Target target, Clock clock) {
        if (appId == null || !appId.strip().matches("[0-9]+|Iv[0-9A-Za-z.]+")) {
            throw new IllegalArgumentException("the app id is the GitHub App's numeric id (or its client id), not '" + appId + "'");
        }
        if (installationId == null && target == null) {
            throw new IllegalArgumentException("give the installation id, or a repository, organisation or user to find it on");
        }
        this.appId = appId.strip();
        this.key = key;
        this.installationId = installationId;
        this.target = target;
        this.clock = clock;
    }

    void renewBefore(Duration margin) {
        this.renewBefore = margin;
    }

    /** The current installation token, renewed through {@code apiUrl} when it expires within the renewal margin. */
    synchronized String token(String apiUrl, Consumer<String> log) throws IOException {
        if (token == null || clock.instant().plus(renewBefore).isAfter(expires)) {
            GitHubApi asApp = GitHubApi.connect(apiUrl, jwt(), null, 1, log);
            if (resolvedInstallation == null) {
                resolvedInstallation = installationId != null ? installationId : find(asApp);
            }
            GitHubApi.Response r = asApp.post("/app/installations/" + resolvedInstallation + "/access_tokens",
                    GitHubApi.JSON.createObjectNode());
            if (r.status() != 201 || r.body() == null || !r.body().hasNonNull("token")) {
                throw new GitHubApi.GitHubException("GitHub App " + appId + " could not get a token for installation "
                        + resolvedInstallation + ": " + refusal(r));
            }
            token = r.body().path("token").asText();
            try {
                expires = Instant.parse(r.body().path("expires_at").asText());
            } catch (java.time.format.DateTimeParseException e) {
                // NOTE: installation tokens live an hour; without a readable expiry, assume that.
                expires = clock.instant().plus(Duration.ofHours(1));
            }
        }
        return token;
    }

    private Long find(GitHubApi asApp) throws IOException {
        GitHubApi.Response r = asApp.get("/" + target.path() + "/installation");
        if (!r.ok() || r.body() == null || !r.body().path("id").canConvertToLong()) {
            throw new GitHubApi.GitHubException("GitHub App " + appId + " is not installed on " + target.path().replaceFirst("^\\w+/", "")
                    + " (" + refusal(r) + "); install it there, or pass --installation-id");
        }
        return r.body().path("id").asLong();
    }

    private static String refusal(GitHubApi.Response r) {
        String why = r.status() == 401 ? "the app id or the private key is wrong, or the machine's clock is off"
                : r.status() == 404 ? "not found" : "HTTP " + r.status();
        return why + (r.message().isEmpty() ? "" : " (\"" + r.message() + "\")");
    }

    /** A JWT for the app: issued a minute ago (clock drift), expiring in nine minutes (GitHub allows ten). */
    String jwt() {
        long now = clock.instant().getEpochSecond();
        String header = base64Url("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        JsonNode claims = GitHubApi.JSON.createObjectNode().put("iat", now - 60).put("exp", now + 540).put("iss", appId);
        String payload = base64Url(claims.toString().getBytes(StandardCharsets.UTF_8));
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
            return header + "." + payload + "." + base64Url(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign the GitHub App JWT: " + e.getClass().getSimpleName(), e);
        }
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * Reads an RSA private key from PEM: PKCS#1 ({@code BEGIN RSA PRIVATE KEY}, what GitHub hands out)
     * or PKCS#8 ({@code BEGIN PRIVATE KEY}). Messages name the file, never its contents.
     */
    static PrivateKey readKey(Path file) {
        String pem;
        try {
            pem = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the GitHub App key file " + file + ": " + e.getClass().getSimpleName());
        }
        boolean pkcs1 = pem.contains("-----BEGIN RSA PRIVATE KEY-----");
        if (!pkcs1 && !pem.contains("-----BEGIN PRIVATE KEY-----")) {
            throw new IllegalArgumentException(file + " is not a PEM private key (expected '-----BEGIN RSA PRIVATE KEY-----',"
                    + " as downloaded from the GitHub App's settings)");
        }
        try {
            String body = pem.replaceAll("-----(BEGIN|END) (RSA )?PRIVATE KEY-----", "").replaceAll("\\s", "");
            byte[] der = Base64.getDecoder().decode(body);
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs1 ? pkcs8(der) : der));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new IllegalArgumentException(file + " holds no usable RSA private key (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** Wraps a PKCS#1 RSAPrivateKey in a PKCS#8 PrivateKeyInfo: SEQUENCE { 0, rsaEncryption, OCTET STRING key }. */
    static byte[] pkcs8(byte[] pkcs1) {
        byte[] version = {0x02, 0x01, 0x00};
        byte[] algorithm = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
        byte[] octets = der(0x04, pkcs1);
        ByteArrayOutputStream inner = new ByteArrayOutputStream();
        inner.writeBytes(version);
        inner.writeBytes(algorithm);
        inner.writeBytes(octets);
        return der(0x30, inner.toByteArray());
    }

    private static byte[] der(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int n = content.length;
        if (n < 0x80) {
            out.write(n);
        } else {
            int bytes = n > 0xffffff ? 4 : n > 0xffff ? 3 : n > 0xff ? 2 : 1;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(n >>> (8 * i));
            }
        }
        out.writeBytes(content);
        return out.toByteArray();
    }
}
