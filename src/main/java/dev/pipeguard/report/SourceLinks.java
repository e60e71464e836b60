package dev.pipeguard.report;

import dev.pipeguard.model.Span;

import java.util.Map;
import java.util.Set;

/**
 * How a finding's repository-relative path is shown where the checked folder is not the current
 * root (a prefix such as {@code examples/app/}), and, on GitHub Actions, the web link to its lines.
 * {@code blobBase} is null when the server, repository or commit is unknown: then there are no links.
 * {@code asGiven} are paths already relative to the current root (a settings snapshot named on the
 * command line), which get no prefix.
 */
public record SourceLinks(String pathPrefix, String blobBase, Set<String> asGiven) {

    public static final SourceLinks NONE = new SourceLinks("", null, Set.of());

    /** From GitHub Actions' {@code GITHUB_SERVER_URL}, {@code GITHUB_REPOSITORY} and {@code GITHUB_SHA}. */
    public static SourceLinks of(Map<String, String> env, String pathPrefix) {
        return of(env, pathPrefix, Set.of());
    }

    /** As {@link #of(Map, String)}, leaving {@code asGiven} paths unprefixed. */
    public static SourceLinks of(Map<String, String> env, String pathPrefix, Set<String> asGiven) {
        String server = env.getOrDefault("GITHUB_SERVER_URL", "https://github.com");
        String repo = env.get("GITHUB_REPOSITORY");
        String sha = env.get("GITHUB_SHA");
        String base = repo == null || repo.isBlank() || sha == null || sha.isBlank() || server.isBlank()
                ? null : stripSlash(server) + "/" + repo + "/blob/" + sha + "/";
        return new SourceLinks(pathPrefix, base, Set.copyOf(asGiven));
    }

    /** The path as the current root sees it. */
    public String path(String file) {
        return asGiven.contains(file) ? file : pathPrefix + file;
    }

    /** A link to the span's lines, or null without a blob base. */
    public String url(Span span) {
        if (blobBase == null) {
            return null;
        }
        String lines = "#L" + span.start().line()
                + (span.end().line() > span.start().line() ? "-L" + span.end().line() : "");
        return blobBase + encode(path(span.file())) + lines;
    }

    private static String encode(String path) {
        return path.replace("%", "%25").replace(" ", "%20").replace("#", "%23").replace("?", "%3F");
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
