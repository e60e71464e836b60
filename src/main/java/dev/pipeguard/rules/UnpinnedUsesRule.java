package dev.pipeguard.rules;

import dev.pipeguard.model.ActionRef;
import dev.pipeguard.model.Container;
import dev.pipeguard.model.Expressions;
import dev.pipeguard.model.Finding;
import dev.pipeguard.model.Job;
import dev.pipeguard.model.RefFilter;
import dev.pipeguard.model.Repository;
import dev.pipeguard.model.RuleInfo;
import dev.pipeguard.model.Scalar;
import dev.pipeguard.model.Workflow;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Actions and reusable workflows not pinned to a full commit SHA, and container images (job
 * containers, services, {@code docker://} steps) not pinned to a digest. Local actions' steps are
 * audited too; repositories matching the {@code allow} patterns may use tags.
 */
public final class UnpinnedUsesRule implements Rule {

    private static final RuleInfo INFO = RuleMetadata.load("security", "unpinned-uses");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(RuleContext context) {
        Repository repo = context.repository();
        List<String> allow = patterns(context.parameters().get("allow"));
        Steps.forEach(repo, site -> {
            if (site.step().uses() != null) {
                uses(site.step().uses(), allow, context);
            }
        });
        for (Workflow w : repo.workflows()) {
            for (Job j : w.jobs()) {
                if (j.uses() != null) {
                    uses(j.uses(), allow, context);
                }
                for (Container c : j.containers()) {
                    image(c, context);
                }
            }
        }
    }

    private void uses(ActionRef ref, List<String> allow, RuleContext context) {
        Scalar source = ref.source();
        if (ref.isPinned() || source.isExpression()) {
            return;
        }
        var file = context.repository().sources().get(source.span().file());
        if ("docker".equals(ref.kind())) {
            report(context, Expressions.valueSpan(source, file),
                    "image '" + ref.image() + "' is not pinned to a digest; a re-pushed tag changes what runs; use docker://"
                            + imageName(ref.image()) + "@sha256:<digest>");
            return;
        }
        if (ref.slug() == null || !ref.slug().matches("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")) {
            // NOTE: not a reference GitHub can resolve (the loader reports malformed files); nothing to pin.
            return;
        }
        String name = ref.slug() + (ref.path() == null ? "" : "/" + ref.path());
        if (allowed(allow, ref.slug(), name)) {
            return;
        }
        if (ref.ref() == null || ref.ref().isEmpty()) {
            report(context, Expressions.valueSpan(source, file),
                    "'" + source.value().trim() + "' names no version at all; pin it to a full commit SHA");
            return;
        }
        String what = name.endsWith(".yml") || name.endsWith(".yaml") ? "reusable workflow" : "action";
        report(context, Expressions.locate(source, file, "@" + ref.ref()),
                what + " '" + name + "' is pinned to '" + ref.ref() + "', which can be moved to other code; "
                        + "pin it to a full 40-character commit SHA (keep the tag in a comment)");
    }

    /**
     * An image whose name is built from expressions but whose tag is written out after the last one
     * ({@code ${{ vars.REGISTRY }}/tool:latest}): the tag floats whatever the expressions expand to.
     * An image that is an expression as a whole, or whose tag is one, is unknown before the run.
     */
    private static final Pattern LITERAL_TAG_AFTER_EXPRESSION =
            Pattern.compile("}}[^}@]*:[A-Za-z0-9_][A-Za-z0-9_.-]*\\s*$");

    private void image(Container c, RuleContext context) {
        Scalar image = c.image();
        if (image == null || image.value() == null || image.value().isBlank() || image.value().contains("@sha256:")
                || image.isExpression() && !LITERAL_TAG_AFTER_EXPRESSION.matcher(image.value()).find()) {
            return;
        }
        var file = context.repository().sources().get(image.span().file());
        String where = "container".equals(c.name()) ? "job container" : "service '" + c.name() + "'";
        report(context, Expressions.valueSpan(image, file), where + " image '" + image.value()
                + "' is not pinned to a digest; a re-pushed tag changes what runs; use " + imageName(image.value())
                + "@sha256:<digest>");
    }

    private static String imageName(String image) {
        int slash = image.lastIndexOf('/');
        int colon = image.lastIndexOf(':');
        return colon > slash ? image.substring(0, colon) : image;
    }

    private static boolean allowed(List<String> allow, String slug, String name) {
        for (String p : allow) {
            if (RefFilter.glob(p, slug) || RefFilter.glob(p, name)) {
                return true;
            }
        }
        return false;
    }

    static List<String> patterns(Object value) {
        if (value instanceof List<?> l) {
            return l.stream().map(String::valueOf).toList();
        }
        return List.of();
    }

    private void report(RuleContext context, dev.pipeguard.model.Span span, String message) {
        context.report(new Finding(INFO.id(), INFO.severity(), message, span, null, List.of()));
    }
}
