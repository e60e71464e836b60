package dev.pipeguard.cli;

import dev.pipeguard.report.ToolVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** pipeguard's entry point: wires subcommands and maps failures to exit codes (0, 1, 2, 3). */
@Command(name = "pipeguard", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Checks GitHub Actions workflows and repository settings against declared policies.",
        subcommands = {CheckCommand.class, InspectCommand.class, PoliciesCommand.class, SettingsCommand.class, UploadCommand.class, AuditCommand.class, MergeCommand.class, CompletionCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 nothing at or above --fail-on, 1 findings, 2 usage or configuration error, 3 internal error.",
                "", "Examples:",
                "  pipeguard check .                                  # text to the terminal, SARIF to reports/",
                "  pipeguard check . --settings settings.yml          # also check branch protection, environments ...",
                "  pipeguard check . --format github --format json=reports/pipeguard.json",
                "  pipeguard check . --fail-on warning --no-sarif",
                "  pipeguard policies list",
                "  pipeguard policies explain python-matrix-versions",
                "  source <(pipeguard completion)                     # tab completion in bash or zsh",
                "", "Docs: docs/getting-started.md, docs/cli.md and docs/rules/ in pipeguard's repository."})
public final class Main {

    public static final int OK = 0;
    public static final int FINDINGS = 1;
    public static final int USAGE = 2;
    public static final int INTERNAL = 3;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code, never throwing. */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof UsageError u) {
                commandLine.getErr().println("pipeguard: " + u.getMessage());
                return USAGE;
            }
            commandLine.getErr().println("pipeguard: internal error: " + e);
            if (System.getenv("PIPEGUARD_DEBUG") != null) {
                e.printStackTrace(commandLine.getErr());
            } else {
                commandLine.getErr().println("(set PIPEGUARD_DEBUG=1 for a stack trace, and please report it)");
            }
            return INTERNAL;
        });
        cli.setParameterExceptionHandler((e, a) -> {
            e.getCommandLine().getErr().println("pipeguard: " + e.getMessage());
            e.getCommandLine().getErr().println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return USAGE;
        });
        return cli.execute(args);
    }

    /** A mistake in how pipeguard was called or configured: exit code 2 and the message, no stack trace. */
    static final class UsageError extends RuntimeException {
        UsageError(String message) {
            super(message, null, false, false);
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"pipeguard " + ToolVersion.get()};
        }
    }
}
