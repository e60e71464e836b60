package dev.pipeguard.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code pipeguard completion}: prints the bash (and zsh) completion script picocli generates from the commands. */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = "Print a completion script for bash and zsh.",
        footer = {"", "Load it in the current shell:", "  source <(pipeguard completion)",
                "Or for every new shell (bash):", "  pipeguard completion > ~/.local/share/bash-completion/completions/pipeguard",
                "zsh users: run 'autoload -U +X bashcompinit && bashcompinit' first."})
final class CompletionCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        System.out.print(AutoComplete.bash("pipeguard", spec.root().commandLine()));
        System.out.flush();
        return Main.OK;
    }
}
