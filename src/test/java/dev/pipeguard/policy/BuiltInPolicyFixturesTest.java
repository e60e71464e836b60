package dev.pipeguard.policy;

import dev.pipeguard.engine.Catalogue;
import dev.pipeguard.engine.PolicyFixtures;
import dev.pipeguard.rules.Rule;
import dev.pipeguard.model.Problem;

import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs the {@code pass/} and {@code fail/} fixtures beside every built-in policy, one dynamic
 * test a case, and checks that each policy has at least one of both; a new policy or case is
 * picked up without Java. Fixture folders are read from the checkout ({@code policies/...}
 * relative to the project root, the working directory of the test run).
 */
class BuiltInPolicyFixturesTest {

    @TestFactory
    Stream<DynamicNode> builtInPolicies() throws IOException {
        Catalogue catalogue = Catalogue.load(List.of());
        List<DynamicNode> nodes = new ArrayList<>();
        nodes.add(DynamicTest.dynamicTest("every built-in policy loads", () -> {
            List<Problem> problems = catalogue.problems();
            assertTrue(problems.isEmpty(), () -> problems.stream().map(Problem::toString)
                    .collect(Collectors.joining("\n", "policies that did not load:\n", "")));
        }));
        List<Rule> rules = catalogue.rules();
        nodes.add(DynamicTest.dynamicTest("built-in policies exist",
                () -> assertFalse(catalogue.policies().isEmpty(), "no built-in policy loaded")));
        for (Rule rule : rules) {
            if (!TESTED_ELSEWHERE.containsKey(rule.info().id())) {
                nodes.add(container(rule));
            }
        }
        return nodes.stream();
    }

    /**
     * Rules whose findings come from a step after the rules ran, so a single-rule fixture run
     * cannot show them; each names the test that covers it.
     */
    private static final java.util.Map<String, String> TESTED_ELSEWHERE = java.util.Map.of(
            "suppression-unused", "dev.pipeguard.engine.ControlsTest (src/test/resources/controls/inline)");

    private static DynamicContainer container(Rule policy) throws IOException {
        String id = policy.info().id();
        Path policyDir = Path.of(policy.info().source()).getParent();
        List<PolicyFixtures.CaseResult> cases = PolicyFixtures.run(policy, policyDir);
        List<DynamicNode> tests = new ArrayList<>();
        tests.add(DynamicTest.dynamicTest("has a pass case and a fail case", () -> {
            boolean pass = cases.stream().anyMatch(c -> kind(policyDir, c).equals("pass"));
            boolean failing = cases.stream().anyMatch(c -> kind(policyDir, c).equals("fail"));
            assertTrue(pass && failing, id + " needs at least one pass/<case>/ and one fail/<case>/ beside "
                    + policy.info().source() + " (pass: " + pass + ", fail: " + failing + ")");
        }));
        for (PolicyFixtures.CaseResult c : cases) {
            String name = policyDir.relativize(c.dir()).toString().replace('\\', '/');
            tests.add(DynamicTest.dynamicTest(name, c.dir().toUri(), () -> {
                if (!c.passed()) {
                    fail(describe(id, name, c));
                }
            }));
        }
        return DynamicContainer.dynamicContainer(id, Path.of(policy.info().source()).toUri(), tests.stream());
    }

    private static String kind(Path policyDir, PolicyFixtures.CaseResult c) {
        return policyDir.relativize(c.dir()).getName(0).toString();
    }

    private static String describe(String id, String name, PolicyFixtures.CaseResult c) {
        StringBuilder out = new StringBuilder(id + " " + name + " does not give the expected findings");
        if (name.startsWith("fail/") && c.expected().isEmpty()) {
            out.append(" (a fail case needs an expected.txt with at least one line)");
        }
        out.append("\n  expected:");
        c.expected().forEach(l -> out.append("\n    ").append(l));
        out.append("\n  actual:");
        c.actual().forEach(l -> out.append("\n    ").append(l));
        return out.toString();
    }
}
