package dev.pipeguard.cli;

import dev.pipeguard.engine.RepositoryLoader;
import dev.pipeguard.model.Repository;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;

/** The options that say which repository to read: a directory and an optional settings snapshot. */
final class RepositoryOptions {

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "Repository checkout to check (default: current directory).")
    Path dir = Path.of(".");

    @Option(names = "--settings", paramLabel = "FILE",
            description = "Repository settings snapshot (JSON or YAML, see schemas/repository-settings.schema.json).")
    Path settings;

    Repository load() {
        if (!Files.isDirectory(dir)) {
            throw new Main.UsageError("not a directory: " + dir + " (pass the root of a repository checkout)");
        }
        if (settings != null && Files.isDirectory(settings)) {
            throw new Main.UsageError("--settings wants a file, but " + settings + " is a folder"
                    + " (pass the snapshot itself, e.g. examples/reference-app/repository-settings.yml)");
        }
        if (settings != null && !Files.isRegularFile(settings)) {
            throw new Main.UsageError("settings file not found: " + settings
                    + " (write one as in examples/reference-app/repository-settings.yml)");
        }
        if (settings != null && !Files.isReadable(settings)) {
            throw new Main.UsageError("cannot read the settings file " + settings
                    + ": permission denied (make it readable by the user running pipeguard)");
        }
        return RepositoryLoader.local(dir, settings);
    }
}
