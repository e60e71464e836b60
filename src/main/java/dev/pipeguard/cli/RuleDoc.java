package dev.pipeguard.cli;

import dev.pipeguard.model.RuleInfo;

/** A rule's documentation page in Markdown, generated from its metadata only. */
final class RuleDoc {

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
            r.parameters().values().forEach(p -> md.append("| `").append(p.name()).append("` | `")
                    .append(p.defaultValue()).append("` | ").append(p.description()).append(" |\n"));
        }
        return md.toString();
    }
}
