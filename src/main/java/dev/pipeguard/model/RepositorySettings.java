package dev.pipeguard.model;

import java.util.Map;

/**
 * A snapshot of a repository's settings, from a file or (later) the GitHub API. {@code source}
 * names where it came from (the file's path), for logical locations in reports. Any other null
 * component is unknown (the source could not see it), never "none"; maps keep the source's order.
 * {@code visibility} is {@code public}, {@code private} or {@code internal}.
 */
public record RepositorySettings(String source, String repository, String defaultBranch,
                                 Map<String, BranchProtection> branches,
                                 Map<String, Environment> environments, Secrets secrets,
                                 String defaultWorkflowPermissions, String visibility) {
}
