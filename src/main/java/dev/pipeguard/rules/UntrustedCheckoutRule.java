package dev.pipeguard.rules;

import dev.pipeguard.model.Finding;
import dev.pipeguard.model.Job;
import dev.pipeguard.model.RuleInfo;
import dev.pipeguard.model.Scalar;
import dev.pipeguard.model.Span;
import dev.pipeguard.model.Step;
import dev.pipeguard.model.Trigger;
import dev.pipeguard.model.Workflow;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A job of a privileged workflow ({@code pull_request_target}, {@code workflow_run},
 * {@code issue_comment}) that checks out the pull request's code and then runs a step that can
 * execute it. A workflow that only labels or comments, and never checks out that code, is quiet.
 */
public final class UntrustedCheckoutRule implements Rule {

    private static final RuleInfo INFO = RuleMetadata.load("security", "untrusted-checkout");

    private static final List<String> PRIVILEGED = List.of("pull_request_target", "workflow_run", "issue_comment");
    /** Expressions and ref names that select the pull request's (or the triggering run's) code. */
    private static final Pattern UNTRUSTED_REF = Pattern.compile(
            "github\\.event\\.pull_request\\.head\\.(sha|ref)|github\\.head_ref|github\\.event\\.pull_request\\.merge_commit_sha"
                    + "|github\\.event\\.workflow_run\\.head_(sha|branch)|github\\.event\\.workflow_run\\.head_commit\\.id"
                    + "|refs/pull/|github\\.event\\.workflow_run\\.pull_requests|steps\\.[A-Za-z0-9_-]+\\.outputs\\.(head_)?sha"
                    + "|github\\.event\\.pull_request\\.head\\.repo\\.full_name|github\\.event\\.workflow_run\\.head_repository\\.full_name");
    /** A script that fetches or checks out a pull request's head. */
    private static final Pattern SCRIPT_CHECKOUT = Pattern.compile(
            "gh\\s+pr\\s+checkout|git\\s+fetch\\s[^\\n]*pull/|git\\s+(checkout|switch)\\s[^\\n]*(pull/|\\$\\{\\{\\s*(github\\.event\\.pull_request\\.head|github\\.head_ref|github\\.event\\.workflow_run\\.head))");
    /** A job condition that names the triggering run's event (and so can exclude pull requests). */
    private static final Pattern TRUSTED_RUN_EVENT = Pattern.compile("github\\.event\\.workflow_run\\.event");
    /** Actions that never execute files of the workspace. */
    private static final Set<String> INERT = Set.of("actions/checkout", "actions/upload-artifact",
            "actions/download-artifact", "actions/labeler", "actions/github-script", "actions/cache",
            "actions/add-to-project", "peter-evans/create-or-update-comment", "marocchino/sticky-pull-request-comment");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(RuleContext context) {
        for (Workflow w : context.repository().workflows()) {
            Optional<Trigger> trigger = w.triggers().stream().filter(t -> PRIVILEGED.contains(t.event())).findFirst();
            if (trigger.isEmpty()) {
                continue;
            }
            for (Job job : w.jobs()) {
                check(w, trigger.get(), job, context);
            }
        }
    }

    private void check(Workflow w, Trigger trigger, Job job, RuleContext context) {
        if (job.ifCondition() != null
                && TRUSTED_RUN_EVENT.matcher(job.ifCondition().value()).find()
                && !job.ifCondition().value().contains("pull_request")) {
            // NOTE: a job that runs only after a push or dispatch run checks out pushed code, not a fork's.
            return;
        }
        List<Step> steps = job.steps();
        for (int i = 0; i < steps.size(); i++) {
            Span checkout = untrustedCheckout(steps.get(i));
            if (checkout == null) {
                continue;
            }
            for (int k = i + 1; k < steps.size(); k++) {
                Step later = steps.get(k);
                if (runsCode(later)) {
                    Span runs = later.run() != null ? later.run().span() : later.uses().source().span();
                    context.report(new Finding(INFO.id(), INFO.severity(), "job '" + job.id() + "' runs on "
                            + trigger.event() + " with the base repository's token and secrets, checks out the pull request's code here, and then runs "
                            + (later.run() != null ? "a script" : "'" + later.uses().source().value() + "'")
                            + " on line " + runs.start().line() + " that can execute it", checkout, null,
                            List.of(new Finding.Related(trigger.span(), "privileged trigger " + trigger.event()),
                                    new Finding.Related(runs, "runs the checked-out code"))));
                    return;
                }
            }
        }
    }

    /** The place that checks out untrusted code in this step, or null. */
    private static Span untrustedCheckout(Step step) {
        if (step.uses() != null && "actions/checkout".equals(step.uses().slug())) {
            for (String key : List.of("ref", "repository")) {
                Scalar v = step.with().get(key);
                if (v != null && UNTRUSTED_REF.matcher(v.value()).find()) {
                    return v.span();
                }
            }
            return null;
        }
        if (step.run() != null && SCRIPT_CHECKOUT.matcher(step.run().value()).find()) {
            return step.run().span();
        }
        return null;
    }

    private static boolean runsCode(Step step) {
        if (step.run() != null) {
            return true;
        }
        return step.uses() != null && !"local".equals(step.uses().kind()) ? !INERT.contains(step.uses().slug())
                : step.uses() != null;
    }
}
