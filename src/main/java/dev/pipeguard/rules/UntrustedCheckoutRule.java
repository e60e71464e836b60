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
 * {@code issue_comment}) that checks out the pull request's code (named directly or through a traced
 * step or job output) and then runs a step that can execute it, hands it to a reusable workflow, or
 * hands its branch to a repository script. A workflow that only labels or comments, and never
 * checks out that code, is quiet.
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
            "gh\\s+pr\\s+checkout|checkout_pr_branch|git\\s+fetch\\s[^\\n]*pull/|git\\s+(checkout|switch)\\s[^\\n]*(pull/|\\$\\{\\{\\s*(github\\.event\\.pull_request\\.head|github\\.head_ref|github\\.event\\.workflow_run\\.head))");
    /** A branch of the pull request (not only its SHA, which a status or comment may name too). */
    private static final Pattern UNTRUSTED_BRANCH = Pattern.compile(
            "github\\.event\\.pull_request\\.head\\.ref|github\\.head_ref|github\\.event\\.workflow_run\\.head_branch|refs/pull/");
    /** A script that runs a file of the workspace (or a build of it). */
    private static final Pattern WORKSPACE_SCRIPT = Pattern.compile(
            "(^|[\\s;&|(])(bash\\s+|sh\\s+)?\\.{1,2}/[\\w./-]+|\\bbash\\s+[\\w./-]+\\.sh\\b|\\b(mvn|gradle|make|npm|yarn|go\\s+run)\\b");
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
            PullRequestHeadOutputs outputs = new PullRequestHeadOutputs(w, context.repository().sources().get(w.path()));
            for (Job job : w.jobs()) {
                check(trigger.get(), job, outputs, context);
            }
        }
    }

    private void check(Trigger trigger, Job job, PullRequestHeadOutputs outputs, RuleContext context) {
        if (job.ifCondition() != null
                && TRUSTED_RUN_EVENT.matcher(job.ifCondition().value()).find()
                && !job.ifCondition().value().contains("pull_request")) {
            // NOTE: a job that runs only after a push or dispatch run checks out pushed code, not a fork's.
            return;
        }
        if (job.uses() != null) {
            for (var input : job.with().entrySet()) {
                if (UNTRUSTED_REF.matcher(input.getValue().value()).find() || outputs.named(job, input.getValue().value(), false)) {
                    context.report(new Finding(INFO.id(), INFO.severity(), "job '" + job.id() + "' runs on "
                            + trigger.event() + " and passes the pull request's code ('" + input.getKey()
                            + "') to the reusable workflow '" + job.uses().source().value()
                            + "', which checks it out and runs it with the base repository's token and secrets",
                            input.getValue().span(), null, List.of(new Finding.Related(trigger.span(), "privileged trigger " + trigger.event()),
                                    new Finding.Related(job.uses().source().span(), "the reusable workflow"))));
                    return;
                }
            }
            return;
        }
        List<Step> steps = job.steps();
        for (int i = 0; i < steps.size(); i++) {
            Span handed = branchHandedToScript(steps, i, job, outputs);
            if (handed != null) {
                Span runs = steps.get(i).run().span();
                context.report(new Finding(INFO.id(), INFO.severity(), "job '" + job.id() + "' runs on "
                        + trigger.event() + " with the base repository's token and secrets and hands the pull request's branch here"
                        + " to the script" + where(steps.get(i)) + ", which runs the repository's build or scripts on it",
                        handed, null, List.of(new Finding.Related(trigger.span(), "privileged trigger " + trigger.event()),
                                new Finding.Related(runs, "runs the pull request's code"))));
                return;
            }
            Span checkout = untrustedCheckout(steps.get(i), job, outputs);
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
                            + where(later) + " that can execute it", checkout, null,
                            List.of(new Finding.Related(trigger.span(), "privileged trigger " + trigger.event()),
                                    new Finding.Related(runs, "runs the checked-out code"))));
                    return;
                }
            }
        }
    }

    /** The place that checks out untrusted code in this step, or null. */
    private static Span untrustedCheckout(Step step, Job job, PullRequestHeadOutputs outputs) {
        if (step.uses() != null && "actions/checkout".equals(step.uses().slug())) {
            for (String key : List.of("ref", "repository")) {
                Scalar v = step.with().get(key);
                if (v != null && (UNTRUSTED_REF.matcher(v.value()).find() || outputs.named(job, v.value(), false))) {
                    return v.span();
                }
            }
            return null;
        }
        Scalar script = step.run() != null ? step.run()
                : step.uses() != null && "actions/github-script".equals(step.uses().slug()) ? step.with().get("script") : null;
        if (script != null && SCRIPT_CHECKOUT.matcher(script.value()).find()) {
            return script.span();
        }
        return null;
    }

    /**
     * Where step {@code i} is handed the pull request's branch (an env value, or the script), when the
     * job has checked out the base repository before and the script runs one of its files or builds:
     * the repository's own script then fetches and builds the branch (checkstyle's diff reports).
     * NOTE: a SHA alone is not enough, because status and comment steps name the head SHA too.
     */
    private static Span branchHandedToScript(List<Step> steps, int i, Job job, PullRequestHeadOutputs outputs) {
        Step step = steps.get(i);
        if (step.run() == null || !WORKSPACE_SCRIPT.matcher(step.run().value()).find()
                || steps.subList(0, i).stream().noneMatch(s -> s.uses() != null && "actions/checkout".equals(s.uses().slug()))) {
            return null;
        }
        for (Scalar v : step.env().values()) {
            if (UNTRUSTED_BRANCH.matcher(v.value()).find() || outputs.named(job, v.value(), true)) {
                return v.span();
            }
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

    /**
     * Names a step for a message by its name, never by line: a line number in the message would
     * change the finding's fingerprint whenever lines above it move (the span is in the related location).
     */
    private static String where(Step step) {
        return step.name() != null ? " in step '" + step.name().value() + "'" : " in a later step";
    }
}
