package dev.pipeguard.github;

import dev.pipeguard.load.LocalDirectorySource;
import dev.pipeguard.load.RepositorySource;
import dev.pipeguard.model.Repository;
import dev.pipeguard.model.RepositorySettings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A repository read through the GitHub API: the files a {@link RemoteRepository} holds, parsed by
 * the same loader as a checkout (written to a private temporary folder that is deleted after), and
 * the settings read from the API.
 */
public final class GitHubRepositorySource implements RepositorySource {

    private final RemoteRepository remote;
    private final RepositorySettings settings;

    GitHubRepositorySource(RemoteRepository remote, RepositorySettings settings) {
        this.remote = remote;
        this.settings = settings;
    }

    @Override
    public Repository load() {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("pipeguard-remote");
            for (var e : remote.files().entrySet()) {
                if (e.getValue().equals("\u0000")) {
                    continue;
                }
                Path file = dir.resolve(e.getKey()).normalize();
                if (!file.startsWith(dir)) {
                    continue;
                }
                Files.createDirectories(file.getParent());
                Files.writeString(file, e.getValue());
            }
            Repository local = new LocalDirectorySource(dir).load();
            return new Repository(remote.fullName(), local.workflows(), local.actions(), settings, local.sources(), local.problems());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (dir != null) {
                try (Stream<Path> s = Files.walk(dir)) {
                    s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (IOException e) {
                    // NOTE: a leftover temporary folder holds only public workflow text.
                }
            }
        }
    }
}
