package dev.pipeguard.engine;

import dev.pipeguard.model.Finding;
import dev.pipeguard.model.Notice;
import dev.pipeguard.model.Position;
import dev.pipeguard.model.Problem;
import dev.pipeguard.model.Repository;
import dev.pipeguard.model.RuleInfo;
import dev.pipeguard.model.SourceFile;
import dev.pipeguard.model.Span;
import dev.pipeguard.rules.Rule;
import dev.pipeguard.rules.RuleContext;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Runs a fixed set of rules over repositories. Rules are chosen and compiled once (the registry
 * and the config decide which); {@link #run} may be called for many repositories, concurrently.
 */
public final class Engine {

    /** The pack of the rules about suppression comments; it runs even when the config names other packs. */
    public static final String CONTROLS_PACK = "controls";

    /** How a rule that threw starts its notice: a bug of pipeguard's, exit code 3, not the user's. */
    public static final String INTERNAL_ERROR = "internal error in rule: ";

    /** The packs shipped in the jar, an explicit list like the rule registry. */
    public static final java.util.Set<String> BUILT_IN_PACKS = java.util.Set.of("controls", "reference-pipeline", "security");

    /**
     * The packs that run when the config names none. NOTE: reference-pipeline describes one
     * particular (Python, Docker, staged deploys) pipeline, so a repository opts into it.
     */
    public static final java.util.Set<String> DEFAULT_PACKS = java.util.Set.of("controls", "security");

    private final List<Rule> rules;
    private final Config config;

    /** {@code rules} is every known rule; {@code config} selects and tunes them. */
    public Engine(List<Rule> rules, Config config) {
        this.config = config;
        this.rules = rules.stream().filter(this::enabled).sorted(Comparator.comparing(r -> r.info().id())).toList();
    }

    public List<RuleInfo> rules() {
        return rules.stream().map(Rule::info).toList();
    }

    private boolean enabled(Rule rule) {
        Config.PolicySettings s = config.policies().get(rule.info().id());
        if (s != null && s.enabled() != null) {
            return s.enabled();
        }
        String pack = rule.info().pack();
        // NOTE: the controls pack checks the suppression comments themselves, whichever packs are
        // chosen, and the user's own policies (--policies) always run: 'packs' picks built-in packs.
        if (CONTROLS_PACK.equals(pack) || !BUILT_IN_PACKS.contains(pack)) {
            return true;
        }
        return config.packs() == null ? DEFAULT_PACKS.contains(pack) : config.packs().contains(pack);
    }

    /** Checks one repository; input problems become notices, findings are sorted and de-duplicated. */
    public RunResult run(Repository repo) {
        List<Finding> findings = new ArrayList<>();
        List<Notice> notices = new ArrayList<>();
        repo.problems().stream()
                .sorted(Comparator.comparing((Problem p) -> p.span().file()).thenComparing(p -> p.span().start()))
                .forEach(p -> notices.add(new Notice(Notice.Kind.INPUT_ERROR, null, p.message(), p.span())));
        for (Rule rule : rules) {
            Config.PolicySettings s = config.policies().get(rule.info().id());
            Map<String, Object> params = new LinkedHashMap<>();
            rule.info().parameters().forEach((name, p) -> params.put(name, p.defaultValue()));
            if (s != null && s.parameters() != null) {
                params.putAll(s.parameters());
            }
            RuleContext context = new RuleContext() {
                @Override
                public Repository repository() {
                    return repo;
                }

                @Override
                public Map<String, Object> parameters() {
                    return params;
                }

                @Override
                public void report(Finding finding) {
                    Finding f = s != null && s.severity() != null ? finding.withSeverity(s.severity()) : finding;
                    findings.add(widen(f, repo));
                }

                @Override
                public void notice(Notice notice) {
                    notices.add(notice);
                }
            };
            try {
                rule.check(context);
            } catch (RuntimeException e) {
                notices.add(new Notice(Notice.Kind.RULE_ERROR, rule.info().id(),
                        INTERNAL_ERROR + e, null));
            }
        }
        List<Finding> unique = new ArrayList<>(new LinkedHashSet<>(findings));
        unique.sort(Comparator.comparing((Finding f) -> f.span().file())
                .thenComparing(f -> f.span().start())
                .thenComparing(Finding::ruleId)
                .thenComparing(Finding::message));
        return new RunResult(repo, rules(), List.copyOf(unique), List.copyOf(notices));
    }

    /** A zero-width span (a whole-file or whole-line finding) grows to the end of its line. */
    private static Finding widen(Finding f, Repository repo) {
        Span s = f.span();
        if (!s.start().equals(s.end())) {
            return f;
        }
        SourceFile source = repo.sources().get(s.file());
        if (source == null) {
            return f;
        }
        String line = source.line(s.start().line());
        int end = line.codePointCount(0, line.length()) + 1;
        if (end <= s.start().column()) {
            return f;
        }
        return f.withSpan(new Span(s.file(), s.start(), new Position(s.start().line(), end)));
    }
}
