package dev.pipeguard.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pipeguard.model.ActionRef;
import dev.pipeguard.model.Expressions;
import dev.pipeguard.model.Finding;
import dev.pipeguard.model.Job;
import dev.pipeguard.model.RuleInfo;
import dev.pipeguard.model.SourceFile;
import dev.pipeguard.model.Workflow;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Uses of action versions that no longer run or are deprecated, looked up in the catalogue
 * {@code policies/security/data/action-runtimes.yml}. A SHA-pinned use is matched by the version
 * in its trailing comment ({@code @<sha> # v2.3.4}).
 */
public final class RetiredActionVersionRule implements Rule {

    private static final RuleInfo INFO = RuleMetadata.load("security", "retired-action-version");
    private static final String CATALOGUE = "policies/security/data/action-runtimes.yml";
    private static final List<Entry> ENTRIES = catalogue();
    private static final Pattern MAJOR = Pattern.compile("^v?(\\d+)(\\.|$)");
    private static final Pattern COMMENT_VERSION = Pattern.compile("^\\s*#\\s*(?:tag[=:]\\s*)?v?(\\d+)[.\\d]*\\b");

    /** One catalogue line: an action, the majors it covers ({@code *} for all), and why they are bad. */
    record Entry(String action, List<String> versions, String status, String reason, String fix) {
    }

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(RuleContext context) {
        Steps.forEach(context.repository(), site -> {
            if (site.step().uses() != null) {
                check(site.step().uses(), context);
            }
        });
        for (Workflow w : context.repository().workflows()) {
            for (Job j : w.jobs()) {
                if (j.uses() != null) {
                    check(j.uses(), context);
                }
            }
        }
    }

    private void check(ActionRef ref, RuleContext context) {
        if (!"repository".equals(ref.kind()) || ref.ref() == null) {
            return;
        }
        String name = ref.slug() + (ref.path() == null ? "" : "/" + ref.path());
        SourceFile source = context.repository().sources().get(ref.source().span().file());
        String major = major(ref, source);
        for (Entry e : ENTRIES) {
            if (!(e.action().equals(name) || e.action().equals(ref.slug()))) {
                continue;
            }
            if (!(e.versions().contains("*") || (major != null && e.versions().contains(major)))) {
                continue;
            }
            String version = major == null ? ref.ref() : major;
            context.report(new Finding(INFO.id(), INFO.severity(), e.action() + " " + version + " " + e.reason()
                    + ("retired".equals(e.status()) ? ", so it no longer runs as written" : "")
                    + "; use " + e.fix(), Expressions.locate(ref.source(), source, "@" + ref.ref()), null, List.of()));
            return;
        }
    }

    /** The major version the ref names ({@code v2}), from the ref or a SHA pin's trailing comment; null when unknown. */
    private static String major(ActionRef ref, SourceFile source) {
        Matcher m = MAJOR.matcher(ref.ref());
        if (m.find()) {
            return "v" + m.group(1);
        }
        if (ref.isPinned() && source != null) {
            var end = ref.source().span().end();
            String line = source.line(end.line());
            int from = line.offsetByCodePoints(0, Math.min(end.column() - 1, line.codePointCount(0, line.length())));
            String rest = line.substring(from).replaceFirst("^[\"']", "");
            Matcher c = COMMENT_VERSION.matcher(rest);
            if (c.find()) {
                return "v" + c.group(1);
            }
        }
        return null;
    }

    private static List<Entry> catalogue() {
        JsonNode root = RuleMetadata.builtInYaml(CATALOGUE);
        List<Entry> out = new ArrayList<>();
        for (JsonNode e : root.get("entries")) {
            List<String> versions = new ArrayList<>();
            e.get("versions").forEach(v -> versions.add(v.asText()));
            out.add(new Entry(e.get("action").asText(), List.copyOf(versions), e.get("status").asText(),
                    e.get("reason").asText(), e.get("fix").asText()));
        }
        return List.copyOf(out);
    }
}
