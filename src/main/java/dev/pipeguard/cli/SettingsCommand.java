package dev.pipeguard.cli;

import dev.pipeguard.github.GitHubReader;
import dev.pipeguard.github.SettingsSnapshot;
import dev.pipeguard.model.RepositorySettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code pipeguard settings pull OWNER/NAME}: writes a repository's settings, read through the API, as a snapshot file. */
@Command(name = "settings", mixinStandardHelpOptions = true, description = "Repository settings snapshots.",
        subcommands = SettingsCommand.Pull.class)
final class SettingsCommand {

    @Command(name = "pull", mixinStandardHelpOptions = true,
            description = "Print a repository's settings, read through the GitHub API, in the --settings snapshot format (JSON).")
    static final class Pull implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "OWNER/NAME")
        String fullName;

        @Mixin
        GitHubOptions github;

        @Override
        public Integer call() {
            List<String> notes = new ArrayList<>();
            RepositorySettings settings;
            try {
                settings = new GitHubReader(github.api(System.err, null, 4, dev.pipeguard.github.GitHubApp.Target.repository(fullName)))
                        .settings(fullName, notes);
            } catch (IllegalArgumentException e) {
                throw new Main.UsageError(e.getMessage());
            } catch (IOException e) {
                throw new Main.UsageError(e.getMessage());
            }
            notes.forEach(n -> System.err.println("pipeguard: " + fullName + ": " + n));
            System.out.println(SettingsSnapshot.json(settings));
            return Main.OK;
        }
    }
}
