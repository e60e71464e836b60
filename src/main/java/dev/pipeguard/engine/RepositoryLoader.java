package dev.pipeguard.engine;

import dev.pipeguard.load.LocalDirectorySource;
import dev.pipeguard.load.SettingsLoader;
import dev.pipeguard.model.Problem;
import dev.pipeguard.model.Repository;
import dev.pipeguard.model.RepositorySettings;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Loads a local repository and, when given, its settings snapshot into one {@link Repository}. */
public final class RepositoryLoader {

    private RepositoryLoader() {
    }

    /** {@code settingsFile} may be null; problems with it join the repository's own problems. */
    public static Repository local(Path dir, Path settingsFile) {
        Repository repo = new LocalDirectorySource(dir).load();
        if (settingsFile == null) {
            return repo;
        }
        List<Problem> problems = new ArrayList<>(repo.problems());
        RepositorySettings settings = SettingsLoader.load(settingsFile, settingsFile.toString().replace('\\', '/'), problems)
                .orElse(null);
        return new Repository(repo.name(), repo.workflows(), repo.actions(), settings, repo.sources(), List.copyOf(problems));
    }
}
