package dev.pipeguard.engine;

import dev.pipeguard.model.Problem;
import dev.pipeguard.model.Span;
import dev.pipeguard.policy.Policy;
import dev.pipeguard.policy.PolicyLoader;
import dev.pipeguard.rules.Rule;
import dev.pipeguard.rules.RuleRegistry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every rule known to a run: the Java registry, the built-in policy packs and any extra policy
 * folders, compiled once, keyed by id. Problems (a broken policy file, a duplicate id) are kept
 * with their locations; the rules that loaded still run.
 */
public final class Catalogue {

    private final Map<String, Rule> rules;
    private final List<Problem> problems;

    private Catalogue(Map<String, Rule> rules, List<Problem> problems) {
        this.rules = rules;
        this.problems = problems;
    }

    /** The built-in rules plus the policies under each of {@code extraPolicyDirs}. */
    public static Catalogue load(List<Path> extraPolicyDirs) {
        return load(extraPolicyDirs, true);
    }

    /** Only the policies under {@code policyDirs}, for testing a policy folder on its own. */
    public static Catalogue only(List<Path> policyDirs) {
        return load(policyDirs, false);
    }

    private static Catalogue load(List<Path> extraPolicyDirs, boolean withBuiltIns) {
        List<Problem> problems = new ArrayList<>();
        Map<String, Rule> rules = new LinkedHashMap<>();
        if (withBuiltIns) {
            for (Rule r : RuleRegistry.builtIn()) {
                add(rules, r, problems);
            }
            PolicyLoader.Result builtIn = PolicyLoader.builtIn();
            problems.addAll(builtIn.problems());
            builtIn.policies().forEach(p -> add(rules, p, problems));
        }
        for (Path dir : extraPolicyDirs) {
            if (!Files.isDirectory(dir)) {
                problems.add(new Problem(Span.fileStart(dir.toString()), "policy folder not found: " + dir));
                continue;
            }
            PolicyLoader.Result extra = PolicyLoader.load(dir, dir.toString().replace('\\', '/'), "custom");
            problems.addAll(extra.problems());
            extra.policies().forEach(p -> add(rules, p, problems));
        }
        return new Catalogue(rules, List.copyOf(problems));
    }

    private static void add(Map<String, Rule> rules, Rule rule, List<Problem> problems) {
        Rule previous = rules.putIfAbsent(rule.info().id(), rule);
        if (previous != null) {
            problems.add(new Problem(Span.fileStart(rule.info().source()),
                    "policy id '" + rule.info().id() + "' is already defined by " + previous.info().source()));
        }
    }

    public List<Rule> rules() {
        return rules.values().stream().sorted(Comparator.comparing(r -> r.info().id())).toList();
    }

    public Optional<Rule> find(String id) {
        return Optional.ofNullable(rules.get(id));
    }

    public List<Problem> problems() {
        return problems;
    }

    /** Policies only (not Java rules), for fixture tests. */
    public List<Policy> policies() {
        return rules().stream().filter(Policy.class::isInstance).map(Policy.class::cast).toList();
    }
}
