package dev.pipeguard.model;

/**
 * A parsed {@code uses:} value: {@code kind} is {@code repository} (owner/repo[/path]@ref),
 * {@code local} (./path) or {@code docker} (docker://image); unused parts are null.
 */
public record ActionRef(String kind, String owner, String repo, String path, String ref,
                        String image, Scalar source) {

    public static ActionRef parse(Scalar source) {
        String text = source.value() == null ? "" : source.value().trim();
        if (text.startsWith("docker://")) {
            return new ActionRef("docker", null, null, null, null, text.substring(9), source);
        }
        if (text.startsWith("./") || text.startsWith(".\\") || text.equals(".")) {
            return new ActionRef("local", null, null, text.substring(Math.min(2, text.length())), null, null, source);
        }
        int at = text.lastIndexOf('@');
        String name = at < 0 ? text : text.substring(0, at);
        String ref = at < 0 ? null : text.substring(at + 1);
        String[] parts = name.split("/", 3);
        return new ActionRef("repository",
                parts.length > 0 ? parts[0] : null,
                parts.length > 1 ? parts[1] : null,
                parts.length > 2 ? parts[2] : null,
                ref, null, source);
    }

    /** owner/repo, or null for local and docker references. */
    public String slug() {
        return owner == null || repo == null ? null : owner + "/" + repo;
    }

    /** True when the ref is a full 40-hex commit SHA (or the image is pinned by digest). */
    public boolean isPinned() {
        if ("docker".equals(kind)) {
            return image != null && image.contains("@sha256:");
        }
        if ("local".equals(kind)) {
            return true;
        }
        return ref != null && ref.matches("[0-9a-fA-F]{40}");
    }
}
