package dev.pipeguard.cli;

import dev.pipeguard.engine.Catalogue;
import dev.pipeguard.engine.PolicyFixtures;
import dev.pipeguard.model.Problem;
import dev.pipeguard.model.RuleInfo;
import dev.pipeguard.policy.PolicyLoader;
import dev.pipeguard.report.Plural;
import dev.pipeguard.rules.Rule;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/** {@code pipeguard policies list | explain ID | test [DIR] [--policies DIR]...}: what the policies are, and whether they work. */
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
                            + "; 'pipeguard policies list' shows every id"
                            + (policyDirs.isEmpty() ? " (if it is your own policy, pass --policies DIR)" : "")));
            System.out.print(RuleDoc.markdown(rule.info()));
            return Main.OK;
        }
    }

    @Command(name = "test", mixinStandardHelpOptions = true,
            description = "Run the pass/ and fail/ fixtures beside each policy (the built-in packs when no folder is given).")
    static final class TestCommand implements Callable<Integer> {
        @Parameters(paramLabel = "DIR", arity = "0..1", description = "Policy folder to test.")
        Path dir;

        @Option(names = "--policies", paramLabel = "DIR",
                description = "Policy folder to test (repeatable), as for list and explain; the same as DIR.")
        List<Path> policyDirs = new ArrayList<>();

        private int passed;
        private int failed;
        private int unloadable;
        private int untested;

        @Override
        public Integer call() throws Exception {
            List<Path> dirs = new ArrayList<>();
            if (dir != null) {
                dirs.add(dir);
            }
            dirs.addAll(policyDirs);
            for (Path d : dirs) {
                if (!Files.isDirectory(d)) {
                    throw new Main.UsageError("policy folder not found: " + d);
                }
            }
            if (dirs.isEmpty()) {
                test(Catalogue.load(List.of()), PolicyLoader.builtInRoot(), "policies");
            }
            for (Path d : dirs) {
                test(Catalogue.only(List.of(d)), d, d.toString().replace('\\', '/'));
            }
            System.out.println(passed + " passed, " + failed + " failed"
                    + (unloadable == 0 ? "" : " (" + Plural.of(unloadable, "policy does", "policies do") + " not load)")
                    + ", " + Plural.of(untested, "policy", "policies") + " without fixtures");
            return failed == 0 && untested == 0 ? Main.OK : Main.FINDINGS;
        }

        /** Runs the fixtures of the policies loaded from {@code root} (shown as {@code shown}); a policy that does not load fails. */
        private void test(Catalogue catalogue, Path root, String shown) throws IOException {
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
            // NOTE: a policy that does not load has no fixtures to run, so it is a failure of its own,
            // printed with the others rather than only on stderr.
            Set<String> files = new TreeSet<>();
            for (Problem p : catalogue.problems()) {
                files.add(p.span().file());
                System.out.println("FAIL " + p);
            }
            failed += files.size();
            unloadable += files.size();
        }
    }
}
