package dev.pipeguard.model;

import java.util.List;
import java.util.Map;

/**
 * Everything pipeguard knows of one repository: its workflows and local actions (each with its
 * repository-relative path), its settings when a snapshot exists (else null), the text of every
 * file read (for quoting and suppressions), and the problems met loading them.
 */
public record Repository(String name, List<Workflow> workflows, List<ActionDefinition> actions,
                         RepositorySettings settings, Map<String, SourceFile> sources, List<Problem> problems) {

    public Repository withSettings(RepositorySettings newSettings) {
        return new Repository(name, workflows, actions, newSettings, sources, problems);
    }
}
