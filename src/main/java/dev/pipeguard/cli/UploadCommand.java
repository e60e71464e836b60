package dev.pipeguard.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code pipeguard upload}: sends a SARIF file to GitHub code scanning and waits for it to be processed. */
@Command(name = "upload", mixinStandardHelpOptions = true,
        description = "Upload a SARIF file to GitHub code scanning (needs security-events: write) and wait for its processing.")
final class UploadCommand implements Callable<Integer> {

    @Option(names = "--sarif", paramLabel = "FILE", defaultValue = "reports/pipeguard.sarif",
            description = "The SARIF file (default: ${DEFAULT-VALUE}).")
    Path sarif;

    @Mixin
    GitHubOptions github;

    @Override
    public Integer call() {
        if (github.repo == null) {
            String env = GitHubOptions.environment.apply("GITHUB_REPOSITORY");
            if (env == null) {
                throw new Main.UsageError("upload needs --repo OWNER/NAME (or GITHUB_REPOSITORY)");
            }
            github.repo = env;
        }
        if (github.commitSha == null && GitHubOptions.environment.apply("GITHUB_SHA") == null) {
            throw new Main.UsageError("upload needs --commit-sha SHA (or GITHUB_SHA)");
        }
        if (github.ref == null && GitHubOptions.environment.apply("GITHUB_REF") == null) {
            throw new Main.UsageError("upload needs --ref REF (or GITHUB_REF)");
        }
        if (!Files.isRegularFile(sarif)) {
            throw new Main.UsageError("SARIF file not found: " + sarif);
        }
        return github.upload(sarif, System.err) ? Main.OK : Main.USAGE;
    }
}
