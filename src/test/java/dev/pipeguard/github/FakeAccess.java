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
