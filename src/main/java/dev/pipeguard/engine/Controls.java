package dev.pipeguard.engine;

import dev.pipeguard.load.SuppressionComments;
import dev.pipeguard.model.Finding;
import dev.pipeguard.model.Notice;
import dev.pipeguard.model.Repository;
import dev.pipeguard.model.RuleInfo;
import dev.pipeguard.model.Severity;
import dev.pipeguard.model.SourceFile;
import dev.pipeguard.model.Suppression;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a team decided about findings, applied after the rules ran: inline suppressions, the
 * config's ignores (expired ones give their findings back, saying so), findings already accepted
 * (a baseline, or the revision named by {@code --new-since}) and a lowest severity to show.
 * Acceptance is by the fingerprint of the finding as the rules reported it, so a changed severity
 * or an expiry note never changes whether a finding matches.
 */
public final class Controls {

    /** The rule whose findings say that a suppression comment silences nothing. */
    public static final String UNUSED_RULE = "suppression-unused";

    private final Config config;
    private final Map<String, Set<String>> accepted;
    private final Severity minSeverity;
    private final LocalDate today;
    private final Set<String> knownRuleIds;

    /**
     * {@code accepted}: fingerprints not to report again; {@code minSeverity}: null shows all;
     * {@code knownRuleIds}: every id of the catalogue (null: unknown), so an unused suppression
     * naming no rule at all can say so.
     */
    public Controls(Config config, Set<String> accepted, Severity minSeverity, LocalDate today, Set<String> knownRuleIds) {
        this(config, Map.of("already accepted", accepted), minSeverity, today, knownRuleIds);
    }

    /**
     * {@code accepted}: fingerprints not to report again, under what had them ("in the baseline",
     * "already present at REF"), which the run's summary names; the first that has a finding counts it.
     */
    public Controls(Config config, Map<String, Set<String>> accepted, Severity minSeverity, LocalDate today,
                    Set<String> knownRuleIds) {
        this.config = config;
        Map<String, Set<String>> copy = new LinkedHashMap<>();
        accepted.forEach((why, prints) -> copy.put(why, Set.copyOf(prints)));
        this.accepted = Collections.unmodifiableMap(copy);
        this.minSeverity = minSeverity;
        this.today = today;
        this.knownRuleIds = knownRuleIds;
    }

    /** Only suppressions and ignores, as of {@code today}. */
    public static Controls of(Config config, LocalDate today) {
        return new Controls(config, Set.of(), null, today, null);
    }

    /** The findings a baseline written now would accept: every finding not suppressed, with its fingerprint. */
    public record Accepted(List<Finding> findings, List<String> fingerprints) {
    }

    /** Applies the controls to a run straight from the {@link Engine}. */
    public RunResult apply(RunResult raw) {
        Repository repo = raw.repository();
        List<Suppression> suppressions = suppressions(repo);
        List<Finding> findings = withUnused(raw, suppressions);
        List<String> prints = Fingerprints.of(findings, repo);
        List<Finding> active = new ArrayList<>();
        List<RunResult.Suppressed> suppressed = new ArrayList<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (int i = 0; i < findings.size(); i++) {
            Finding f = findings.get(i);
            if (minSeverity != null && !f.severity().atLeast(minSeverity)) {
                continue;
            }
            Suppression inline = suppressions.stream().filter(s -> s.covers(f)).findFirst().orElse(null);
            Verdict verdict = ignore(f);
            String acceptedBy = acceptedBy(prints.get(i));
            if (inline != null) {
                suppressed.add(new RunResult.Suppressed(f, RunResult.Suppressed.Kind.IN_SOURCE,
                        inline.hasReason() ? inline.reason() : "no reason given", inline.span()));
            } else if (verdict.live != null) {
                suppressed.add(new RunResult.Suppressed(f, RunResult.Suppressed.Kind.EXTERNAL,
                        verdict.live.reason(), verdict.live.span()));
            } else if (acceptedBy != null) {
                counts.merge(acceptedBy, 1, Integer::sum);
            } else if (verdict.expired != null) {
                Config.Ignore x = verdict.expired;
                active.add(new Finding(f.ruleId(), f.severity(), f.message() + " (the exemption in " + x.span().file() + ":"
                        + x.span().start().line() + " expired on " + x.until() + ": " + x.reason() + ")",
                        f.span(), f.logical(), f.related()));
            } else {
                active.add(f);
            }
        }
        return new RunResult(repo, raw.rules(), List.copyOf(active), raw.notices(), List.copyOf(suppressed), inOrder(counts));
    }

    /** The counts in the order the acceptances were given. */
    private Map<String, Integer> inOrder(Map<String, Integer> counts) {
        Map<String, Integer> out = new LinkedHashMap<>();
        accepted.keySet().stream().filter(counts::containsKey).forEach(why -> out.put(why, counts.get(why)));
        return Collections.unmodifiableMap(out);
    }

    /** What already had this fingerprint, or null. */
    private String acceptedBy(String fingerprint) {
        return accepted.entrySet().stream().filter(e -> e.getValue().contains(fingerprint))
                .map(Map.Entry::getKey).findFirst().orElse(null);
    }

    /** The findings of a raw run that nobody suppressed, expired exemptions included, for {@code --write-baseline}. */
    public Accepted acceptable(RunResult raw) {
        List<Suppression> suppressions = suppressions(raw.repository());
        List<Finding> all = withUnused(raw, suppressions);
        List<String> prints = Fingerprints.of(all, raw.repository());
        List<Finding> findings = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            Finding f = all.get(i);
            if (suppressions.stream().noneMatch(s -> s.covers(f)) && ignore(f).live == null) {
                findings.add(f);
                kept.add(prints.get(i));
            }
        }
        return new Accepted(List.copyOf(findings), List.copyOf(kept));
    }

    /** The fingerprints of every finding of a raw run, unused-suppression notes included (what {@code --new-since} compares with). */
    public Set<String> fingerprints(RunResult raw) {
        return Set.copyOf(Fingerprints.of(withUnused(raw, suppressions(raw.repository())), raw.repository()));
    }

    /** The run's findings and the unused-suppression notes, in the engine's order; fingerprints are taken over this list. */
    private List<Finding> withUnused(RunResult raw, List<Suppression> suppressions) {
        Set<String> usedIds = new HashSet<>();
        for (Finding f : raw.findings()) {
            for (Suppression s : suppressions) {
                if (s.covers(f)) {
                    usedIds.add(key(s, f.ruleId()));
                }
            }
        }
        List<Finding> unused = unused(raw, suppressions, usedIds);
        if (unused.isEmpty()) {
            return raw.findings();
        }
        List<Finding> all = new ArrayList<>(raw.findings());
        all.addAll(unused);
        all.sort(Comparator.comparing((Finding f) -> f.span().file())
                .thenComparing(f -> f.span().start())
                .thenComparing(Finding::ruleId)
                .thenComparing(Finding::message));
        return all;
    }

    private record Verdict(Config.Ignore live, Config.Ignore expired) {
    }

    private Verdict ignore(Finding f) {
        Config.Ignore expired = null;
        for (Config.Ignore x : config.ignores()) {
            if (!x.rule().equals(f.ruleId()) || !matches(x.paths(), f.span().file())) {
                continue;
            }
            if (x.until() == null || !today.isAfter(x.until())) {
                return new Verdict(x, null);
            }
            expired = expired == null ? x : expired;
        }
        return new Verdict(null, expired);
    }

    private static boolean matches(List<String> globs, String file) {
        if (globs.isEmpty()) {
            return true;
        }
        for (String glob : globs) {
            PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + glob);
            if (m.matches(Path.of(file))) {
                return true;
            }
        }
        return false;
    }

    /** One note for each rule id of a well-formed suppression that silenced nothing, when that rule ran and was evaluated. */
    private List<Finding> unused(RunResult raw, List<Suppression> suppressions, Set<String> usedIds) {
        Set<String> ran = raw.rules().stream().map(RuleInfo::id).collect(Collectors.toSet());
        if (!ran.contains(UNUSED_RULE)) {
            return List.of();
        }
        Set<String> notEvaluated = raw.notices().stream().filter(n -> n.kind() == Notice.Kind.NOT_EVALUATED)
                .map(Notice::ruleId).collect(Collectors.toSet());
        Severity severity = raw.rules().stream().filter(r -> r.id().equals(UNUSED_RULE)).findFirst().orElseThrow().severity();
        Config.PolicySettings settings = config.policies().get(UNUSED_RULE);
        if (settings != null && settings.severity() != null) {
            severity = settings.severity();
        }
        List<Finding> out = new ArrayList<>();
        for (Suppression s : suppressions) {
            if (s.malformed() != null) {
                continue;
            }
            for (String id : s.ruleIds()) {
                if (usedIds.contains(key(s, id))) {
                    continue;
                }
                String message;
                if (ran.contains(id) && !notEvaluated.contains(id)) {
                    message = "nothing to ignore: no '" + id + "' finding on this line"
                            + (s.lines().size() > 1 ? " or line " + s.lines().get(1) : "") + "; remove '" + id + "' from the comment";
                } else if (knownRuleIds != null && !knownRuleIds.contains(id)) {
                    message = "no rule is called '" + id + "'; 'pipeguard policies list' shows every id";
                } else {
                    continue;
                }
                out.add(new Finding(UNUSED_RULE, severity, message, s.span(), null, List.of()));
            }
        }
        return out;
    }

    private static String key(Suppression s, String id) {
        return s.span() + "\u0000" + id;
    }

    private static List<Suppression> suppressions(Repository repo) {
        List<Suppression> out = new ArrayList<>();
        for (Map.Entry<String, SourceFile> e : repo.sources().entrySet()) {
            out.addAll(SuppressionComments.of(e.getValue()));
        }
        return out;
    }
}
