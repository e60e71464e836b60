package dev.pipeguard.model;

import java.util.List;
import java.util.Optional;

/**
 * The expression contexts whose text someone outside the repository can choose: titles, bodies,
 * branch names, commit messages and author names of the events a fork or any GitHub user can
 * cause. Values GitHub fixes (ids, numbers, SHAs, {@code *.outcome}) are not in the list.
 */
public final class UntrustedContexts {

    /** Patterns; {@code *} stands for one segment (an array index or any key). */
    private static final List<String> PATTERNS = List.of(
            "github.head_ref",
            "github.event.issue.title", "github.event.issue.body",
            "github.event.pull_request.title", "github.event.pull_request.body",
            "github.event.pull_request.head.ref", "github.event.pull_request.head.label",
            "github.event.pull_request.head.repo.default_branch", "github.event.pull_request.head.repo.description",
            "github.event.pull_request.head.repo.homepage",
            "github.event.comment.body", "github.event.review.body", "github.event.review_comment.body",
            "github.event.discussion.title", "github.event.discussion.body",
            "github.event.pages.*.page_name",
            "github.event.commits.*.message", "github.event.commits.*.author.name", "github.event.commits.*.author.email",
            "github.event.commits.*.committer.name", "github.event.commits.*.committer.email",
            "github.event.head_commit.message", "github.event.head_commit.author.name",
            "github.event.head_commit.author.email", "github.event.head_commit.committer.name",
            "github.event.head_commit.committer.email",
            "github.event.workflow_run.head_branch", "github.event.workflow_run.display_title",
            "github.event.workflow_run.head_commit.message", "github.event.workflow_run.head_commit.author.name",
            "github.event.workflow_run.head_commit.author.email", "github.event.workflow_run.head_commit.committer.name",
            "github.event.workflow_run.head_commit.committer.email",
            "github.event.workflow_run.head_repository.description",
            "github.event.workflow_run.pull_requests.*.head.ref",
            "github.event.check_suite.head_branch", "github.event.check_run.check_suite.head_branch",
            "github.event.merge_group.head_commit.message");

    private UntrustedContexts() {
    }

    /**
     * The untrusted context {@code path} reads: itself when it matches a pattern, or the first
     * pattern inside it when the path names an object that contains one ({@code github.event}
     * expanded with {@code toJSON}); empty when the path is trusted.
     */
    public static Optional<String> match(String path) {
        String[] p = path.split("\\.");
        for (String pattern : PATTERNS) {
            String[] d = pattern.split("\\.");
            if (p.length > d.length) {
                continue;
            }
            boolean ok = true;
            for (int i = 0; i < p.length && ok; i++) {
                ok = p[i].equals(d[i]) || p[i].equals("*") || d[i].equals("*");
            }
            if (ok) {
                return Optional.of(pattern);
            }
        }
        return Optional.empty();
    }

    /** Whether the context can hold a line break, so writing it to an environment file can add variables. */
    public static boolean multiline(String pattern) {
        return pattern.endsWith(".body") || pattern.endsWith(".message");
    }
}
