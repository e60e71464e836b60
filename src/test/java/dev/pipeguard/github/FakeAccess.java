package dev.pipeguard.github;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/** Public doors into the package-private fake GitHub, for the CLI tests in another package. */
public final class FakeAccess {

    public static final String TOKEN = FakeWorlds.TOKEN;

    private FakeAccess() {
    }

    /** A started fake of the acme organisation; close it. */
    public interface Fake extends AutoCloseable {
        String url();

        @Override
        void close();
    }

    private record Handle(FakeGitHub fake) implements Fake {
        public String url() {
            return fake.url();
        }

        public void close() {
            fake.close();
        }
    }

    public static Fake acme() throws IOException {
        return new Handle(FakeWorlds.acme());
    }

    /** acme with the GitHub App (id {@link #APP_ID}) installed on it, its private key written to {@code keyFile} as GitHub hands it out. */
    public static Fake acmeWithApp(java.nio.file.Path keyFile) throws IOException {
        FakeWorlds.writeKey(keyFile, true);
        return new Handle(FakeWorlds.acmeWithApp());
    }

    public static final String APP_ID = FakeWorlds.APP_ID;

    /** Every token, installation token and JWT the fakes have issued or accepted, and a line of the app's private key. */
    public static java.util.Set<String> secrets() {
        java.util.Set<String> out = new java.util.HashSet<>(FakeGitHub.secrets);
        out.add(FakeWorlds.keyMaterial());
        return out;
    }

    public static int installationTokensIssued(Fake f) {
        return ((Handle) f).fake.installationTokensIssued();
    }

    public static List<String> graphqlQueries(Fake f) {
        return List.copyOf(((Handle) f).fake.queries);
    }

    public static List<String> requestLog(Fake f) {
        return ((Handle) f).fake.log();
    }

    public static void failProcessing(Fake f, String error) {
        ((Handle) f).fake.sarifProcessing(1, List.of(error));
    }

    public static void refuseUploads(Fake f, int status, String message) {
        ((Handle) f).fake.uploadAnswer(status, message);
    }

    public static List<Map<String, String>> uploads(Fake f) {
        return ((Handle) f).fake.uploads.stream().map(u -> Map.of("ref", u.ref(), "sha", u.commitSha(),
                "checkout_uri", u.checkoutUri())).toList();
    }
}
