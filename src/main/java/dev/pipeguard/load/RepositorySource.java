package dev.pipeguard.load;

import dev.pipeguard.model.Repository;

/** Where a repository's files come from: a local directory now, the GitHub API later. */
public interface RepositorySource {

    /** Loads everything; problems with single files are inside the result, never thrown. */
    Repository load();
}
