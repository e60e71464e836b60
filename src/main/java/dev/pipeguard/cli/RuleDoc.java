package dev.pipeguard.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pipeguard.model.RuleInfo;
import dev.pipeguard.model.Severity;

/** A rule's documentation page in Markdown, generated from its metadata only. */
final class RuleDoc {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RuleDoc() {
    }

    static String markdown(RuleInfo r) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(r.id()).append(": ").append(r.title()).append("\n\n");
        md.append("- Severity: ").append(r.severity().id()).append("\n");
        md.append("- Pack: ").append(r.pack()).append("\n");
        md.append("- Applies to: ").append(r.scope()).append("\n");
        if (r.requiresSettings()) {
            md.append("- Needs repository settings (`--settings`)\n");
        }
        if (r.securitySeverity() != null) {
            md.append("- Security severity: ").append(r.securitySeverity()).append("\n");
        }
        if (!r.tags().isEmpty()) {
            md.append("- Tags: ").append(String.join(", ", r.tags())).append("\n");
        }
        md.append("- Defined in: `").append(r.source()).append("`\n\n");
        md.append(r.description()).append("\n\n");
        if (r.role() != null) {
            md.append("## How it finds its targets\n\n").append(r.role()).append("\n\n");
        }
        md.append("## Why and how to fix\n\n").append(r.help()).append("\n");
        if (!r.parameters().isEmpty()) {
            md.append("\n## Parameters\n\nSet in `.github/pipeguard.yml` under `policies: {").append(r.id())
                    .append(": {parameters: ...}}`.\n\n| name | default | meaning |\n|---|---|---|\n");
            // NOTE: sorted by name: the loader's parameter order is not stable from run to run.
            r.parameters().values().stream().sorted(java.util.Comparator.comparing(RuleInfo.Parameter::name)).forEach(p -> md.append("| `").append(p.name()).append("` | `")
                    .append(cell(json(p.defaultValue()))).append("` | ").append(cell(p.description())).append(" |\n"));
        }
        md.append("\n## Configuration\n\nIn `.github/pipeguard.yml` (see [getting started](../getting-started.md#configure)):\n\n")
                .append("```yaml\npolicies:\n  ").append(r.id()).append(":\n")
                .append("    severity: ").append(r.severity() == Severity.ERROR ? "warning" : "error  ")
                .append("   # change it (default: ").append(r.severity().id()).append(")\n")
                .append("    enabled: false      # or turn it off\n```\n");
        return md.toString();
    }

    /** A parameter's default as JSON, so {@code "3.10"} stays a string and does not read as the number 3.1. */
    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return String.valueOf(value);
        }
    }

    /** GitHub tables split on {@code |} even inside code spans. */
    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
