package dev.pipeguard.cli;

import dev.pipeguard.engine.Catalogue;
import dev.pipeguard.engine.PolicyFixtures;
import dev.pipeguard.model.RuleInfo;
import dev.pipeguard.policy.PolicyLoader;
import dev.pipeguard.rules.Rule;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code pipeguard policies list | explain ID | test [DIR]}: what the policies are, and whether they work. */
@Command(name = "policies", mixinStandardHelpOptions = true, description = "List, explain and test policies.",
        subcommands = {PoliciesCommand.ListCommand.class, PoliciesCommand.ExplainCommand.class, PoliciesCommand.TestCommand.class})
final class PoliciesCommand {

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List every known policy.")
    static final class ListCommand implements Callable<Integer> {
        @Option(names = "--policies", paramLabel = "DIR", description = "Extra policy folder (repeatable).")
        List<Path> policyDirs = new ArrayList<>();

        @Override
        public Integer call() {
            Catalogue catalogue = Catalogue.load(policyDirs);
            for (Rule r : catalogue.rules()) {
                RuleInfo i = r.info();
                System.out.printf("%-36s %-8s %-20s %s%n", i.id(), i.severity().id(), i.pack(), i.title());
            }
            catalogue.problems().forEach(p -> System.err.println(p));
            return catalogue.problems().isEmpty() ? Main.OK : Main.USAGE;
        }
    }

    @Command(name = "explain", mixinStandardHelpOptions = true, description = "Print a policy's documentation.")
    static final class ExplainCommand implements Callable<Integer> {
        @Parameters(paramLabel = "ID")
        String id;

        @Option(names = "--policies", paramLabel = "DIR", description = "Extra policy folder (repeatable).")
        List<Path> policyDirs = new ArrayList<>();

        @Override
        public Integer call() {
            Catalogue catalogue = Catalogue.load(policyDirs);
            Rule rule = catalogue.find(id).orElseThrow(() ->
                    new Main.UsageError("unknown policy id '" + id + "'" + Suggestions.didYouMean(id,
                            catalogue.rules().stream().map(r -> r.info().id()).toList())
                            + "; 'pipeguard policies list' shows every id"));
            System.out.print(RuleDoc.markdown(rule.info()));
            return Main.OK;
        }
    }

    @Command(name = "test", mixinStandardHelpOptions = true,
            description = "Run the pass/ and fail/ fixtures beside each policy (the built-in packs when DIR is absent).")
    static final class TestCommand implements Callable<Integer> {
        @Parameters(paramLabel = "DIR", arity = "0..1", description = "Policy folder to test.")
        Path dir;

        @Override
        public Integer call() throws Exception {
            if (dir != null && !Files.isDirectory(dir)) {
                throw new Main.UsageError("policy folder not found: " + dir);
            }
            Catalogue catalogue = dir == null ? Catalogue.load(List.of()) : Catalogue.only(List.of(dir));
            Path root = dir == null ? PolicyLoader.builtInRoot() : dir;
            String shown = dir == null ? "policies" : dir.toString().replace('\\', '/');
            int passed = 0;
            int failed = 0;
            int untested = 0;
            for (Rule rule : catalogue.rules()) {
                String source = rule.info().source();
                if (!source.startsWith(shown + "/")) {
                    continue;
                }
                Path policyDir = root.resolve(source.substring(shown.length() + 1)).getParent();
                List<PolicyFixtures.CaseResult> cases = PolicyFixtures.run(rule, policyDir);
                if (cases.isEmpty()) {
                    untested++;
                    System.out.println("NONE " + rule.info().id() + ": no pass/ or fail/ fixtures");
                }
                for (PolicyFixtures.CaseResult c : cases) {
                    String name = rule.info().id() + " " + policyDir.relativize(c.dir());
                    if (c.passed()) {
                        passed++;
                        System.out.println("PASS " + name);
                    } else {
                        failed++;
                        System.out.println("FAIL " + name);
                        System.out.println("  expected:");
                        c.expected().forEach(l -> System.out.println("    " + l));
                        System.out.println("  actual:");
                        c.actual().forEach(l -> System.out.println("    " + l));
                    }
                }
            }
            catalogue.problems().forEach(p -> System.err.println(p));
            System.out.println(passed + " passed, " + failed + " failed, " + untested + " policies without fixtures");
            return failed == 0 && untested == 0 && catalogue.problems().isEmpty() ? Main.OK : Main.FINDINGS;
        }
    }
}
